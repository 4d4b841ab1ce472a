using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Connections;
using UserMgmt.Rest;
using UserMgmt.Tests.Hostile;
using HostileClient = UserMgmt.Tests.Hostile.Hostile;

namespace UserMgmt.Tests.Attack;

/// <summary>
/// A proxy's sign-in page or a firewall's block page often comes with status 200. An admin API never
/// answers a change with HTML, so such an answer proves nothing was done: the change must fail, not succeed.
/// </summary>
public sealed class SuccessPageTests
{
    private const string SignInPage = "<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body>SSO</body></html>";

    [Fact]
    public async Task A_change_answered_with_an_html_page_and_200_fails()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapPut("/admin/api/users/{id}", () => Results.Text(SignInPage, "text/html", statusCode: 200)));
        using var client = HostileClient.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.SetEnabledAsync("user-1", false, HostileClient.Patience()));

        Assert.Contains("HTML", error.Message);
        Assert.Contains("Sign in to continue", error.Message);
    }

    [Fact]
    public async Task An_invitation_answered_with_an_html_page_and_200_fails()
    {
        await using var server = await HostileServer.StartAsync(app =>
            app.MapPost("/admin/api/users/invite-users", () => Results.Text(SignInPage, "text/html; charset=utf-8", statusCode: 200)));
        using var client = HostileClient.Client(server);

        await Assert.ThrowsAnyAsync<ApiException>(() =>
            client.InviteUsersAsync([new UserMgmt.Providers.Invitee("new@example.com")], [], false, HostileClient.Patience()));
    }
}
