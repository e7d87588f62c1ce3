using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

public sealed class EncodedStringVectorTests
{
    [Fact]
    public void A_cached_vector_goes_on_the_wire_exactly_like_a_plain_list()
    {
        string[] names = ["a", "child-0001", "ünïcode", ""];

        var plain = JuteCodec.Encode(new GetChildrenResponse(names.ToList()));
        var cached = new GetChildrenResponse(new EncodedStringVector(names));

        Assert.Equal(plain, JuteCodec.Encode(cached));
        Assert.Equal(plain, JuteCodec.Encode(cached)); // the second write comes from the cached bytes
        Assert.Equal(names, JuteCodec.Decode<GetChildrenResponse>(JuteCodec.Encode(cached)).Children);
    }

    [Fact]
    public void An_empty_vector_encodes_as_a_zero_count()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, JuteCodec.Encode(new GetChildrenResponse(new EncodedStringVector([]))));
    }
}
