using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>A platform that answers with a redirect must never get the credentials sent somewhere else.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_another_origin_fails_clearly_and_the_keys_never_reach_it(int status)
    {
        await using var other = await HostileServer.StartAsync(_ => { });
        var target = new Uri(other.BaseUri, "admin/api/groups");
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/groups", () => Redirect(status, target)));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains(target.ToString(), error.Message);
        // Not one request, so no accessKey, secretKey or Authorization header either.
        Assert.Empty(other.Seen);
    }

    [Fact]
    public async Task A_changing_request_redirected_elsewhere_is_neither_repeated_there_nor_signed()
    {
        await using var other = await HostileServer.StartAsync(_ => { });
        var target = new Uri(other.BaseUri, "admin/api/users/user-1");
        await using var server = await HostileServer.StartAsync(app => app.MapPut("/admin/api/users/{id}", () => Redirect(307, target)));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.SetEnabledAsync("user-1", false, Hostile.Patience()));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Empty(other.Seen);
    }

    [Fact]
    public async Task The_Basic_token_is_not_carried_by_a_redirect_either()
    {
        await using var other = await HostileServer.StartAsync(_ => { });
        var target = new Uri(other.BaseUri, "apps/api/v1/bulk/users/template");
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/apps/api/v1/bulk/users/template", () => Redirect(302, target)));
        using var client = Hostile.Client(server, "Ccai");

        await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Empty(other.Seen);
    }

    [Fact]
    public async Task A_redirect_to_plain_http_off_this_machine_is_refused_with_its_address()
    {
        var target = new Uri("http://platform.invalid/admin/api/groups");
        await using var server = await HostileServer.StartAsync(app => app.MapGet("/admin/api/groups", () => Redirect(302, target)));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.IsNotType<ServiceUnreachableException>(error);
        Assert.Equal(HttpStatusCode.Redirect, error.StatusCode);
        Assert.Contains("platform.invalid", error.Message);
        Assert.Equal(1, server.Calls("/admin/api/groups"));
    }

    private static IResult Redirect(int status, Uri location) => new RedirectResult(status, location);

    private sealed class RedirectResult(int status, Uri location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location.ToString();
            return Task.CompletedTask;
        }
    }
}
