using Coordinator.Actors.Txns;
using Coordinator.Protocol;

namespace Coordinator.Actors.Member;

/// <summary>The ZooKeeper opcode a txn corresponds to; stored beside each journal row for people reading it.</summary>
public static class TxnTypes
{
    public static OpCode OpCodeOf(Txn txn) => txn switch
    {
        CreateTxn => OpCode.Create,
        DeleteTxn => OpCode.Delete,
        SetDataTxn => OpCode.SetData,
        SetAclTxn => OpCode.SetAcl,
        CheckVersionTxn => OpCode.Check,
        MultiTxn => OpCode.Multi,
        CreateSessionTxn => OpCode.CreateSession,
        CloseSessionTxn => OpCode.CloseSession,
        DeleteContainerTxn => OpCode.DeleteContainer,
        _ => OpCode.Error,
    };
}
