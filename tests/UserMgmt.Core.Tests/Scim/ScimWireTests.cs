using System.Text.Json;
using UserMgmt.Model;
using UserMgmt.Providers.Scim;

namespace UserMgmt.Tests.Scim;

/// <summary>What the provider makes of whatever a SCIM service sends, and of whatever a user types into a filter.</summary>
public sealed class ScimWireTests
{
    public static TheoryData<string> HostileText() =>
    [
        "a\"b@example.com", "back\\slash", "\" or userName pr or \"", "tab\there", "new\nline", "", "ünïcødé", "x\u0000y", "))(( and ",
    ];

    [Theory, MemberData(nameof(HostileText))]
    public void A_filter_value_stays_one_JSON_string_whatever_it_holds(string typed)
    {
        var quoted = ScimFilter.Quoted(typed);

        // The quoted value reads back, as JSON, to exactly what was typed: nothing escapes into the expression.
        Assert.Equal(typed, JsonSerializer.Deserialize<string>(quoted));
        Assert.Equal($"userName eq {quoted}", ScimFilter.Equal("userName", typed));
    }

    public static TheoryData<string, bool, bool, int?, int, bool> Configs() => new()
    {
        { """{"patch":{"supported":true},"bulk":{"supported":true,"maxOperations":10,"maxPayloadSize":1048576},"filter":{"supported":true,"maxResults":200},"etag":{"supported":true}}""", true, true, 200, 10, true },
        { """{"patch":{"supported":false},"bulk":{"supported":true},"filter":{"supported":"true"}}""", false, false, null, 0, true },
        { """{"Patch":{"Supported":true}}""", true, false, null, 0, false },
        { """{"patch":true,"bulk":[],"filter":{"supported":1,"maxResults":-5}}""", false, false, null, 0, false },
        { """{"bulk":{"supported":true,"maxOperations":1e20}}""", false, true, null, int.MaxValue, false },
        { "[]", false, false, null, 0, false },
        { "null", false, false, null, 0, false },
        { "\"text\"", false, false, null, 0, false },
    };

    [Theory, MemberData(nameof(Configs))]
    public void A_feature_counts_only_where_the_service_says_it_is_supported(string json, bool patch, bool bulk, int? maxResults, int maxOperations, bool filter)
    {
        var config = ScimServiceConfig.From(JsonDocument.Parse(json).RootElement);

        Assert.Equal((patch, bulk, maxResults, maxOperations, filter), (config.Patch, config.Bulk, config.MaxResults, config.MaxOperations, config.Filter));
    }

    [Fact]
    public void Writable_attributes_are_those_the_schemas_do_not_mark_read_only()
    {
        var answer = JsonDocument.Parse("""
            {"Resources":[
              {"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[
                {"name":"title"},{"name":"userType","mutability":"readWrite"},{"name":"id","mutability":"readOnly"},{"name":"locale","mutability":"immutable"},
                {"name":5},"junk",{"mutability":"readWrite"}]},
              {"id":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","attributes":[{"name":"department"}]},
              {"id":"urn:other","attributes":[{"name":"secret"}]}]}
            """).RootElement;

        var writable = ScimSchemaList.WritableAttributes(answer, [ScimSchemas.User, ScimSchemas.EnterpriseUser]);

        Assert.Equal(["department", "title", "userType"], writable!.Order());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""{"Resources":"no"}""")]
    [InlineData("""{"Resources":[{"id":"urn:other"}]}""")]
    public void Schemas_that_describe_neither_user_schema_say_nothing(string json) =>
        Assert.Null(ScimSchemaList.WritableAttributes(JsonDocument.Parse(json).RootElement, [ScimSchemas.User, ScimSchemas.EnterpriseUser]));

    [Theory]
    [InlineData("""{"id":"1","userName":"u@x.io","emails":[{"value":"w@x.io"},{"value":"p@x.io","primary":true}]}""", "p@x.io")]
    [InlineData("""{"id":"1","userName":"u@x.io","emails":[{"value":"w@x.io"},{"value":""}]}""", "w@x.io")]
    [InlineData("""{"id":"1","userName":"u@x.io","emails":[]}""", "u@x.io")]
    [InlineData("""{"id":"1","userName":"u@x.io","emails":[{"value":null,"primary":true}]}""", "u@x.io")]
    public void A_users_address_is_the_primary_then_the_first_then_the_user_name(string json, string email) =>
        Assert.Equal(email, ScimMapper.ToUser(Read<ScimUserDto>(json)).Email);

    [Theory]
    [InlineData("false", UserStatus.Inactive)]
    [InlineData("\"False\"", UserStatus.Inactive)]
    [InlineData("true", UserStatus.Active)]
    [InlineData("null", UserStatus.Active)]
    [InlineData("0", UserStatus.Active)]
    public void Only_a_false_active_makes_a_user_inactive(string active, UserStatus status) =>
        Assert.Equal(status, ScimMapper.ToUser(Read<ScimUserDto>($$"""{"id":"1","userName":"u@x.io","active":{{active}}}""")).Status);

    [Fact]
    public void Enterprise_values_are_read_whatever_their_form_and_the_manager_by_id()
    {
        var user = ScimMapper.ToUser(Read<ScimUserDto>("""
            {"id":"1","userName":"u@x.io","title":"Lead",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Analytics","employeeNumber":42,"manager":{"value":"m-7","displayName":"Boss"},"division":[1],"organization":null}}
            """));

        Assert.Equal(["Lead"], user.Attributes["title"]);
        Assert.Equal(["Analytics"], user.Attributes["department"]);
        Assert.Equal(["42"], user.Attributes["employeeNumber"]);
        Assert.Equal(["m-7"], user.Attributes["manager"]);
        Assert.False(user.Attributes.ContainsKey("division"));
        Assert.False(user.Attributes.ContainsKey("organization"));
    }

    [Fact]
    public void A_user_without_an_id_is_an_error_naming_it() =>
        Assert.Contains("u@x.io", Assert.Throws<FormatException>(() => ScimMapper.ToUser(Read<ScimUserDto>("""{"userName":"u@x.io"}"""))).Message);

    [Fact]
    public void A_user_whose_resource_leaves_out_groups_gets_them_from_elsewhere_and_one_with_an_empty_list_has_none()
    {
        IReadOnlyList<string> FromMembers(string id) => ["Analytics"];

        Assert.Equal(["Analytics"], ScimMapper.ToUser(Read<ScimUserDto>("""{"id":"1","userName":"u@x.io"}"""), FromMembers).Groups);
        Assert.Empty(ScimMapper.ToUser(Read<ScimUserDto>("""{"id":"1","userName":"u@x.io","groups":[]}"""), FromMembers).Groups);
    }

    [Fact]
    public void A_group_held_only_through_a_nested_group_is_not_one_of_the_users_groups()
    {
        // RFC 7643 §4.1.2: "groups" also lists indirect memberships, which no change to that group's members can undo.
        var user = ScimMapper.ToUser(Read<ScimUserDto>("""
            {"id":"1","userName":"u@x.io","groups":[
              {"value":"g1","display":"Direct","type":"direct"},
              {"value":"g2","display":"Inherited","type":"indirect"},
              {"value":"g3","display":"Untyped"}]}
            """));

        Assert.Equal(["Direct", "Untyped"], user.Groups);
    }

    [Theory]
    [InlineData("""{"Resources":[{"name":"User","endpoint":"/Users"},{"name":"Group","endpoint":"/Groups"}]}""", "Users", "Groups")]
    [InlineData("""[{"name":"User","endpoint":"/v2/People/"},{"name":"Group","endpoint":"Teams"}]""", "v2/People", "Teams")]
    [InlineData("""{"Resources":[{"name":"User","endpoint":"https://elsewhere.example/Users"},{"name":"Group","endpoint":"/../admin"}]}""", "Users", "Groups")]
    [InlineData("""{"Resources":[{"name":"User","endpoint":"/Users?x=1"},{"name":"Group","endpoint":"\\\\host\\share"}]}""", "Users", "Groups")]
    [InlineData("""{"Resources":[{"name":"user","endpoint":"/Other"},{"name":"Group","endpoint":5}]}""", "Users", "Groups")]
    [InlineData("""{"Resources":[{"name":"User","endpoint":"/"},{"name":"Group","endpoint":"/a b"}]}""", "Users", "a%20b")]
    [InlineData("[]", "Users", "Groups")]
    [InlineData("\"text\"", "Users", "Groups")]
    public void Endpoints_are_the_services_own_but_never_leave_its_root(string json, string users, string groups)
    {
        var types = ScimResourceTypes.From(JsonDocument.Parse(json).RootElement);

        Assert.Equal((users, groups), (types.Users, types.Groups));
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
