namespace Coordinator.Protocol.Jute;

/// <summary>
/// A jute body could not be decoded: truncated, a negative or oversized length, or a value that the
/// record does not allow. The server answers such a request with MarshallingError (-5).
/// </summary>
public sealed class JuteException(string message) : Exception(message);
