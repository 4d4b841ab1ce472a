using System.Net;
using System.Net.Http.Json;
using UserMgmt.Sandbox;
using UserMgmt.Sandbox.Variants;
using UserMgmt.Tests.Support;

namespace UserMgmt.Tests;

/// <summary>The shapes the sandbox answers in where the vendors leave them open: chosen at start or at run time.</summary>
public sealed class SandboxVariantTests : SandboxTest
{
    private sealed record Listed(List<string> Variants);

    [Fact]
    public void Every_variant_has_a_distinct_kebab_case_name_that_parses_back()
    {
        Assert.Contains("numeric-ids", SandboxVariants.Names);
        Assert.Contains("error-envelope-with-200", SandboxVariants.Names);
        Assert.Equal(SandboxVariants.Names.Count, SandboxVariants.Names.Distinct().Count());
        Assert.All(SandboxVariants.Names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.Equal(Enum.GetValues<SandboxVariant>().ToHashSet(), SandboxVariants.Parse(string.Join(",", SandboxVariants.Names)));
    }

    [Fact]
    public void The_command_line_takes_lists_repeated_in_any_case()
    {
        var options = SandboxOptions.Parse(["--variant", "Numeric-Ids, null-counters", "--variant", "other-final-status"]);

        Assert.Equal(new HashSet<SandboxVariant> { SandboxVariant.NumericIds, SandboxVariant.NullCounters, SandboxVariant.OtherFinalStatus }, options.Variants);
        Assert.Empty(SandboxOptions.Parse(["--variant", "none"]).Variants);
        Assert.Empty(SandboxOptions.Parse([]).Variants);
    }

    [Fact]
    public async Task The_admin_api_sets_and_lists_them_and_refuses_an_unknown_one_leaving_them_as_they_were()
    {
        using var http = SandboxHttp.Client(Sandbox);
        http.DefaultRequestHeaders.Add(SandboxHttp.AdminHeader, Sandbox.Host.AdminKey);

        var set = await http.PutAsJsonAsync("/_sandbox/variants", new { variants = new[] { "numeric-ids", "NULL-COUNTERS" } });
        var refused = await http.PutAsJsonAsync("/_sandbox/variants", new { variants = new[] { "numeric-ids", "bogus" } });
        var listed = await http.GetFromJsonAsync<Listed>("/_sandbox/variants");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Unknown variant 'bogus'", await refused.Content.ReadAsStringAsync());
        Assert.Equal(["null-counters", "numeric-ids"], listed!.Variants);
        Assert.True(Sandbox.Host.Variants.Has(SandboxVariant.NullCounters));
        Assert.False(Sandbox.Host.Variants.Has(SandboxVariant.OtherFinalStatus));
    }

    [Fact]
    public async Task Without_the_admin_key_the_variants_cannot_be_changed()
    {
        using var http = SandboxHttp.Client(Sandbox);

        var answer = await http.PutAsJsonAsync("/_sandbox/variants", new { variants = new[] { "numeric-ids" } });

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Empty(Sandbox.Host.Variants.Active);
    }
}
