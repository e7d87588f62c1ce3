namespace Coordinator.Runtime.Actors;

/// <summary>An actor's place in the hierarchy, e.g. <c>/user/ensemble/peer-2</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(ActorPath? parent, string name, string text)
    {
        Parent = parent;
        Name = name;
        _text = text;
    }

    /// <summary>The root "/"; it has no parent and an empty name.</summary>
    public static ActorPath Root { get; } = new(null, "", "/");

    public ActorPath? Parent { get; }

    public string Name { get; }

    public ActorPath Child(string name) => new(this, name, Parent is null ? "/" + name : _text + "/" + name);

    public bool Equals(ActorPath? other) => other is not null && other._text == _text;

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _text;
}
