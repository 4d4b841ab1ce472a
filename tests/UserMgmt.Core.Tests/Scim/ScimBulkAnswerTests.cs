using System.Text;
using UserMgmt.Providers.Scim;

namespace UserMgmt.Tests.Scim;

/// <summary>
/// BulkResponses in every shape services send, and generated broken ones: each result is paired with the operation
/// it answers or with none, and an unreadable answer is a clear FormatException, never anything else.
/// </summary>
public sealed class ScimBulkAnswerTests
{
    private static readonly ScimBulkOperation[] Sent =
    [
        Operation(0, "POST", "/Users", bulkId: "row0"),
        Operation(0, "PATCH", "/Groups/g1"),
        Operation(1, "PATCH", "/Users/u7"),
    ];

    [Theory]
    [InlineData("\"201\"", 201)]
    [InlineData("201", 201)]
    [InlineData("{\"code\":\"201\"}", 201)]
    [InlineData("\" 201 \"", 201)]
    [InlineData("\"created\"", null)]
    [InlineData("9999", null)]
    [InlineData("-200", null)]
    [InlineData("null", null)]
    [InlineData("[201]", null)]
    public void A_status_is_read_as_the_RFC_string_a_number_or_a_code_and_nothing_else(string status, int? expected)
    {
        var answer = $$"""{"Operations":[{"method":"POST","bulkId":"row0","status":{{status}},"location":"https://scim.example.com/v2/Users/92b7"}]}""";

        var result = ScimBulkAnswer.Pair(answer, Sent)[0];

        Assert.Equal(expected, result?.Status);
        Assert.Equal("92b7", result?.CreatedId);
    }

    [Fact]
    public void Results_out_of_order_are_paired_by_bulkId_and_location()
    {
        const string answer = """
            {"Operations":[
              {"method":"PATCH","status":"200","location":"https://h/v2/Users/u7"},
              {"method":"PATCH","status":"404","location":"/v2/Groups/g1","response":{"detail":"Group g1 not found","status":"404"}},
              {"method":"POST","bulkId":"row0","status":"201","location":"/v2/Users/new-1"}]}
            """;

        var results = ScimBulkAnswer.Pair(answer, Sent);

        Assert.Equal([201, 404, 200], results.Select(r => r?.Status));
        Assert.Equal("Group g1 not found", results[1]?.Detail);
        Assert.Equal("new-1", results[0]?.CreatedId);
    }

    [Fact]
    public void Results_without_bulkIds_or_locations_are_paired_in_order_when_there_are_as_many()
    {
        const string answer = """{"operations":[{"Status":"201","Response":{"id":"new-9"}},{"status":"204"},{"status":"400","response":{"scimType":"invalidValue"}}]}""";

        var results = ScimBulkAnswer.Pair(answer, Sent);

        Assert.Equal([201, 204, 400], results.Select(r => r?.Status));
        Assert.Equal("new-9", results[0]?.CreatedId);
        Assert.Equal("invalidValue", results[2]?.Detail);
    }

    [Fact]
    public void An_error_status_given_as_code_and_description_is_read_for_its_description()
    {
        // RFC 7644 §3.7.3: a failed operation's status holds the code and a human-readable description.
        const string answer = """{"Operations":[{"method":"PATCH","status":{"code":"404","description":"Group g1 not found"},"location":"/Groups/g1"}]}""";

        var result = ScimBulkAnswer.Pair(answer, Sent)[1];

        Assert.Equal(404, result?.Status);
        Assert.Equal("Group g1 not found", result?.Detail);
    }

    [Fact]
    public void An_error_body_s_detail_comes_before_the_status_description()
    {
        const string answer = """{"Operations":[{"method":"PATCH","status":{"code":"400","description":"Bad Request"},"location":"/Groups/g1","response":{"scimType":"invalidValue","detail":"members[0].value is not a user"}}]}""";

        Assert.Equal("members[0].value is not a user", ScimBulkAnswer.Pair(answer, Sent)[1]?.Detail);
    }

    [Fact]
    public void Fewer_results_than_operations_leave_the_unanswered_ones_unpaired()
    {
        const string answer = """{"Operations":[{"method":"POST","bulkId":"row0","status":"201","location":"/Users/n"},{"method":"PATCH","status":"200","location":"/Groups/g1"}]}""";

        var results = ScimBulkAnswer.Pair(answer, Sent);

        Assert.NotNull(results[0]);
        Assert.NotNull(results[1]);
        Assert.Null(results[2]);
    }

    [Fact]
    public void A_result_for_another_request_is_paired_with_nothing()
    {
        const string answer = """{"Operations":[{"method":"POST","bulkId":"row9","status":"201"},{"method":"DELETE","status":"204","location":"/Users/u7"},{"method":"PATCH","status":"200","location":"/Users/zz"}]}""";

        var results = ScimBulkAnswer.Pair(answer, Sent);

        Assert.Null(results[0]);
        Assert.Null(results[2]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"Operations\":{}}")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"Operations\":[")]
    public void An_answer_without_a_list_of_results_is_a_clear_format_error(string answer)
    {
        var error = Assert.Throws<FormatException>(() => ScimBulkAnswer.Pair(answer, Sent));
        Assert.Contains("Bulk", error.Message);
    }

    [Fact]
    public void Generated_broken_answers_pair_each_operation_with_one_result_or_none_or_fail_as_format_errors()
    {
        var random = new Random(7643);
        const string valid = """{"Operations":[{"method":"POST","bulkId":"row0","status":"201","location":"/Users/n1"},{"method":"PATCH","status":"200","location":"/Groups/g1","response":{"detail":"ok"}},{"method":"PATCH","status":{"code":"409"},"location":"/Users/u7"}]}""";
        for (var i = 0; i < 3000; i++)
        {
            var answer = Mutate(valid, random);
            try
            {
                var results = ScimBulkAnswer.Pair(answer, Sent);
                Assert.Equal(Sent.Length, results.Count);
                var paired = results.Where(r => r is not null).ToList();
                Assert.Equal(paired.Count, paired.Distinct(ReferenceEqualityComparer.Instance).Count());
                Assert.All(paired, r => Assert.True(r!.Status is null or (>= 100 and < 600)));
            }
            catch (FormatException)
            {
            }
        }
    }

    private const string Noise = "{}[]\",:0\\\u0000é1null";

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        for (var edits = random.Next(1, 6); edits > 0 && chars.Length > 0; edits--)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(4))
            {
                case 0: chars.Remove(at, Math.Min(chars.Length - at, random.Next(1, 12))); break;
                case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                case 2: chars[at] = (char)random.Next(32, 127); break;
                default: chars.Insert(at, text.Substring(random.Next(text.Length / 2), random.Next(1, 30))); break;
            }
        }
        return chars.ToString();
    }

    private static ScimBulkOperation Operation(int row, string method, string path, string? bulkId = null) =>
        new() { Row = row, Method = method, Path = path, BulkId = bulkId, Data = _ => new { }, What = method };
}
