using Coordinator.Client.Api;
using Coordinator.Protocol;

namespace Coordinator.Host.Shell;

/// <summary>Error answers in zkCli 3.8's wording, so operators recognise them.</summary>
public static class ShellErrors
{
    public static string Describe(KeeperException error)
    {
        var path = error.Path ?? "";
        return error.Code switch
        {
            ErrorCode.NoNode => $"Node does not exist: {path}",
            ErrorCode.NodeExists => $"Node already exists: {path}",
            ErrorCode.NotEmpty => $"Node not empty: {path}",
            ErrorCode.BadVersion => $"version No is not valid : {path}",
            ErrorCode.NoAuth => $"Insufficient permission : {path}",
            ErrorCode.InvalidAcl => $"Acl is not valid : {path}",
            ErrorCode.BadArguments => $"Arguments are not valid : {path}",
            ErrorCode.NoChildrenForEphemerals => $"Ephemerals cannot have children: {path}",
            _ => error.Message,
        };
    }
}
