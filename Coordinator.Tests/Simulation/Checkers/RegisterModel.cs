namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>A read or a write of one integer register named by <see cref="Key"/>; registers start at 0.</summary>
public sealed record RegisterInput(string Key, bool IsWrite, int Value)
{
    public static RegisterInput Write(int value, string key = "x") => new(key, true, value);

    public static RegisterInput Read(string key = "x") => new(key, false, 0);

    public override string ToString() => IsWrite ? $"write {Key}={Value}" : $"read {Key}";
}

/// <summary>
/// The textbook register, one per key. The output of a read is the value it returned; a write's output is
/// ignored. Used by the checker's own tests and as the smallest example of a model.
/// </summary>
public sealed class RegisterModel : IPartitionedModel<int, RegisterInput, int>
{
    public static RegisterModel Instance { get; } = new();

    public int Init() => 0;

    public StepResult<int> Step(int state, RegisterInput input, int output) =>
        input.IsWrite ? new(true, input.Value)
        : output == state ? new(true, state)
        : StepResult<int>.Rejected(state);

    public StepResult<int> StepPending(int state, RegisterInput input) => new(true, input.IsWrite ? input.Value : state);

    public IEqualityComparer<int> StateComparer => EqualityComparer<int>.Default;

    public string PartitionKey(RegisterInput input) => input.Key;

    public string DescribeOperation(RegisterInput input, int output) => input.IsWrite ? input.ToString() : $"{input} -> {output}";

    public string DescribeState(int state) => state.ToString();
}
