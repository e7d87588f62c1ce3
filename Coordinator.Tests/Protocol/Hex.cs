namespace Coordinator.Tests.Protocol;

/// <summary>Byte vectors written as in the wire document: hex pairs, spaces ignored, "quoted" text as UTF-8.</summary>
internal static class Hex
{
    public static byte[] Bytes(string text)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                bytes.Add(Convert.ToByte(text.Substring(i, 2), 16));
                i += 2;
            }
        }

        return [.. bytes];
    }
}
