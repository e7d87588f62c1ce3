namespace Coordinator.Protocol.Jute;

/// <summary>Something that can write itself as jute fields.</summary>
public interface IJuteWritable
{
    void Write(ref JuteWriter writer);
}

/// <summary>A jute record: written field by field in declaration order and read back the same way.</summary>
public interface IJuteRecord<TSelf> : IJuteWritable
    where TSelf : IJuteRecord<TSelf>
{
    static abstract TSelf Read(ref JuteReader reader);
}
