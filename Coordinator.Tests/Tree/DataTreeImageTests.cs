using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Tests.Prep;

namespace Coordinator.Tests.Tree;

public sealed class DataTreeImageTests
{
    [Fact]
    public void A_captured_image_serializes_the_tree_as_it_was_when_captured()
    {
        var writer = new StandaloneWriter();
        writer.Create("/app", data: [1]);
        writer.Create("/app/a");
        var before = DataTreeSnapshot.Write(writer.Tree);
        var digestBefore = writer.Tree.Digest();

        var image = writer.Tree.Capture();
        writer.SetData("/app", [2, 2]);
        writer.Create("/app/b");
        writer.Delete("/app/a");

        var serialized = DataTreeSnapshot.Serialize(image);
        Assert.Equal(before, serialized.ToArray());
        Assert.Equal(digestBefore, DataTreeSnapshot.Read(serialized.Span).Digest());
        Assert.NotEqual(digestBefore, writer.Tree.Digest());
    }

    [Fact]
    public void Nodes_created_with_equal_acl_lists_share_one_list_and_keep_their_own_acl_after_setAcl()
    {
        var tree = new DataTree();
        IReadOnlyList<Acl> Open() => [new Acl(Perms.All, new Id("world", "anyone"))];
        tree.Apply(new TxnHeader(1, 0, 1, 0), new CreateTxn("/a", [], Open(), 0, 1));
        tree.Apply(new TxnHeader(1, 0, 2, 0), new CreateTxn("/b", [], Open(), 0, 2));

        Assert.Same(tree.GetNode("/a")!.Acl, tree.GetNode("/b")!.Acl);

        tree.Apply(new TxnHeader(1, 0, 3, 0), new SetAclTxn("/b", [new Acl(Perms.Read, new Id("world", "anyone"))], 1));

        Assert.Equal(Acls.OpenAclUnsafe, tree.GetNode("/a")!.Acl);
        Assert.Equal(Acls.ReadAclUnsafe, tree.GetNode("/b")!.Acl);
    }
}
