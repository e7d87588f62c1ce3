using Coordinator.Actors.Tree;

namespace Coordinator.Tests.Tree;

public sealed class ZPathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b/c")]
    [InlineData("/...")]
    [InlineData("/.a/b.")]
    [InlineData("/zookeeper")]
    [InlineData("/ü/日本")]
    public void Valid_paths_pass_full_validation(string path) => Assert.Null(ZPath.Invalid(path));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/b")]
    [InlineData("//")]
    [InlineData("/a//b")]
    [InlineData("/a/")]
    [InlineData("/.")]
    [InlineData("/a/..")]
    [InlineData("/a/./b")]
    [InlineData("/b\u0000")]
    [InlineData("/b\u001e")]
    [InlineData("/b\u007f")]
    [InlineData("/b\u009f")]
    [InlineData("/b\ud800")]
    [InlineData("/b\uf8ff")]
    [InlineData("/b\ufff0")]
    [InlineData("/b\uffff")]
    public void Invalid_paths_fail_full_validation(string path) => Assert.NotNull(ZPath.Invalid(path));

    [Fact]
    public void Null_fails_full_validation() => Assert.False(ZPath.IsValid(null));

    [Theory]
    [InlineData("/a", true)]
    [InlineData("a/b", true)]
    [InlineData("/a/", true)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData("/a\u0000", false)]
    public void The_cheap_check_wants_a_slash_and_no_nul(string path, bool passes) =>
        Assert.Equal(passes, ZPath.HasSlashAndNoNul(path));

    [Theory]
    [InlineData("/", true)]
    [InlineData("/zookeeper", true)]
    [InlineData("/zookeeper/quota", true)]
    [InlineData("/zookeeper/config", true)]
    [InlineData("/zookeeper/other", false)]
    [InlineData("/a", false)]
    public void Exactly_four_paths_are_special(string path, bool special) => Assert.Equal(special, ZPath.IsSpecial(path));

    [Theory]
    [InlineData("/a", "/", "a")]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/", "/a", "")]
    public void Parent_and_name_split_at_the_last_slash(string path, string parent, string name)
    {
        Assert.Equal(parent, ZPath.Parent(path));
        Assert.Equal(name, ZPath.Name(path));
    }

    [Fact]
    public void Self_and_ancestors_walk_up_to_the_root() =>
        Assert.Equal(["/a/b/c", "/a/b", "/a", "/"], ZPath.SelfAndAncestors("/a/b/c"));
}
