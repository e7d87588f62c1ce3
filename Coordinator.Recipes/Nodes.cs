using Coordinator.Client.Api;
using Coordinator.Protocol;

namespace Coordinator.Recipes;

/// <summary>Node operations every recipe needs, with the retries a connection loss calls for.</summary>
internal static class Nodes
{
    /// <summary>Creates <paramref name="path"/> and any missing ancestor as empty persistent nodes; existing ones are left as they are.</summary>
    public static async Task CreatePathAsync(CoordinatorClient client, string path)
    {
        for (var end = path.IndexOf('/', 1); ; end = path.IndexOf('/', end + 1))
        {
            var ancestor = end < 0 ? path : path[..end];
            try
            {
                await client.CreateAsync(ancestor, null, CreateMode.Persistent).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Made earlier, or by another contender at the same time: either way it is there.
            }

            if (end < 0)
                return;
        }
    }

    /// <summary>
    /// Deletes an ephemeral node this session owns, retrying after a connection loss (a request made while
    /// disconnected waits for the reconnect, so this does not spin). Returns quietly when the node is
    /// already gone or the session is over, since then the server has deleted it.
    /// </summary>
    public static async Task DeleteOwnEphemeralAsync(CoordinatorClient client, string path)
    {
        while (true)
        {
            try
            {
                await client.DeleteAsync(path).ConfigureAwait(false);
                return;
            }
            catch (ConnectionLossException)
            {
                // The delete may or may not have been applied; the next try answers NoNode if it was.
            }
            catch (Exception e) when (e is NoNodeException or SessionExpiredException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
