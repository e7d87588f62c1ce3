namespace Coordinator.Runtime.TestKit;

/// <summary>A failed TestKit expectation. Test frameworks report any exception, so no framework is referenced.</summary>
public sealed class TestKitAssertionException(string message, Exception? inner = null) : Exception(message, inner);
