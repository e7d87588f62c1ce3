namespace Coordinator.Protocol.Framing;

/// <summary>The four-letter-word commands answered on the client port. The value is the command's 4 ASCII bytes as a big-endian int.</summary>
public enum FourLetterWord
{
    Ruok = 0x72756f6b,
    Srvr = 0x73727672,
    Stat = 0x73746174,
    Mntr = 0x6d6e7472,
    Conf = 0x636f6e66,
    Cons = 0x636f6e73,
    Wchs = 0x77636873,
    Dump = 0x64756d70,
    Envi = 0x656e7669,
    Isro = 0x6973726f,
}

/// <summary>
/// Recognises a four-letter word in the first 4 bytes of a connection. No valid frame length collides:
/// every command value is far above any sane maximum frame size.
/// </summary>
public static class FourLetterWords
{
    public static bool TryParse(int firstFourBytes, out FourLetterWord command)
    {
        command = (FourLetterWord)firstFourBytes;
        return Enum.IsDefined(command);
    }

    /// <summary>The lowercase command text, e.g. "ruok".</summary>
    public static string Name(this FourLetterWord command) => command.ToString().ToLowerInvariant();
}
