using System.Net.Sockets;
using System.Text;

namespace Coordinator.Tests.Interop.Clients;

/// <summary>
/// ZooKeeper's four-letter-word admin commands: the 4 ASCII bytes are the whole request on a fresh
/// connection, and the server answers with plain text and closes.
/// </summary>
public static class FourLetterWord
{
    public static async Task<string> SendAsync(string host, int port, string command, TimeSpan? timeout = null)
    {
        if (command.Length != 4)
            throw new ArgumentException($"A four-letter word has four letters, not '{command}'.", nameof(command));

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(host, port, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command), SocketFlags.None, deadline.Token);

        var answer = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            answer.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
