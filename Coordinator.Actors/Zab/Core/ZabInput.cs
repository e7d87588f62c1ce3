using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>Everything that reaches <see cref="ZabCore.Step"/>.</summary>
public abstract record ZabInput;

/// <summary>One unit of logical time passed. The driver decides what a tick is worth in milliseconds.</summary>
public sealed record Tick : ZabInput
{
    public static readonly Tick Instance = new();
}

/// <summary>A peer message arrived from member <paramref name="From"/>; links deliver in send order.</summary>
public sealed record PeerMessageReceived(long From, PeerMessage Message) : ZabInput;

/// <summary>The member wants this txn (TxnCodec bytes, opaque here) replicated. Only a serving leader accepts it.</summary>
public sealed record ClientTxnProposed(byte[] Txn) : ZabInput;

/// <summary>Every entry the core asked to append, up to <paramref name="UpTo"/>, is now durable in the journal.</summary>
public sealed record JournalAppended(Zxid UpTo) : ZabInput;

/// <summary>The link to member <paramref name="Id"/> broke; messages in flight on it are lost.</summary>
public sealed record PeerUnreachable(long Id) : ZabInput;
