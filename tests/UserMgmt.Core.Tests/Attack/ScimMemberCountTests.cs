using System.Text.Json;
using UserMgmt.Providers.Scim;

namespace UserMgmt.Tests.Attack;

/// <summary>A group's member count is the users it names: an entry listed twice, or one naming nobody, is not another member.</summary>
public sealed class ScimMemberCountTests
{
    [Theory]
    [InlineData("""[{"value":"1"},{"value":"1"},{"value":"2"}]""", 2)]
    [InlineData("""[{"value":"1"},{"display":"nobody"},{"value":null},{"value":""}]""", 1)]
    [InlineData("""[{"value":7},{"value":"7"}]""", 1)]
    [InlineData("[]", 0)]
    public void A_group_counts_each_member_it_names_once(string members, int count)
    {
        var dto = JsonSerializer.Deserialize<ScimGroupDto>($$"""{"id":"g1","displayName":"Staff","members":{{members}}}""", new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(count, ScimMapper.ToGroup(dto).MemberCount);
    }
}
