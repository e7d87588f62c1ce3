namespace Coordinator.Actors.Zab.Core;

/// <summary>
/// Majority arithmetic over the voting participants. Observers are not voters and never count, even
/// when passed in.
/// </summary>
public sealed class QuorumTracker
{
    private readonly HashSet<long> _voters;

    public QuorumTracker(IEnumerable<long> voters)
    {
        _voters = [.. voters];
        if (_voters.Count == 0) throw new ArgumentException("An ensemble needs at least one voter.", nameof(voters));
    }

    /// <summary>The voting participants.</summary>
    public IReadOnlyCollection<long> Voters => _voters;

    /// <summary>How many distinct voters make a majority.</summary>
    public int QuorumSize => _voters.Count / 2 + 1;

    public bool IsVoter(long id) => _voters.Contains(id);

    /// <summary>True when the distinct voters among <paramref name="ids"/> are a majority.</summary>
    public bool IsQuorum(IEnumerable<long> ids) => ids.Where(_voters.Contains).Distinct().Count() >= QuorumSize;

    /// <summary>
    /// The highest zxid that a majority of voters has reached, given each voter's position (missing
    /// voters count as <see cref="Zxid.Zero"/>). This is what a leader may commit up to.
    /// </summary>
    public Zxid HighestQuorumZxid(Func<long, Zxid> positionOf)
    {
        var positions = _voters.Select(positionOf).OrderDescending().ToList();
        return positions[QuorumSize - 1];
    }
}
