using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserMgmt.Rest;

namespace UserMgmt.Tests.Hostile;

/// <summary>An answer too large to hold is refused once it passes the limit, and never asked for again.</summary>
public sealed class OversizedAnswerTests
{
    private const string Groups = "/admin/api/groups";

    [Fact]
    public async Task A_body_that_does_not_end_is_cut_at_the_limit_and_not_retried()
    {
        // Endless as far as the client can tell: the server stops at half as much again as the limit,
        // so a client that reads it all fails this test instead of filling memory.
        const long offered = RestCore.MaxResponseBytes + RestCore.MaxResponseBytes / 2;
        await using var server = await HostileServer.StartAsync(app => app.MapGet(Groups, async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            try
            {
                for (long written = 0; written < offered; written += chunk.Length)
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client hung up, as it should.
            }
        }));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.Contains($"the answer was larger than {RestCore.MaxResponseBytes >> 20} MiB", error.Message);
        Assert.Equal(1, server.Calls(Groups));
    }

    [Fact]
    public async Task A_small_compressed_answer_that_unpacks_past_the_limit_is_cut_too()
    {
        var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (var i = 0; i < 2 * (RestCore.MaxResponseBytes >> 20); i++) gzip.Write(chunk);
        }
        await using var server = await HostileServer.StartAsync(app => app.MapGet(Groups, async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bomb.ToArray(), context.RequestAborted);
        }));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.True(bomb.Length < RestCore.MaxResponseBytes / 100, $"the compressed answer is {bomb.Length} bytes");
        Assert.Contains($"the answer was larger than {RestCore.MaxResponseBytes >> 20} MiB", error.Message);
        Assert.Equal(1, server.Calls(Groups));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        await using var server = await HostileServer.StartAsync(app => app.MapGet(Groups, async (HttpContext context) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentLength = 700L << 20;
            await context.Response.Body.WriteAsync(new byte[1 << 20], context.RequestAborted);
        }));
        using var client = Hostile.Client(server);

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.ListGroupsAsync(Hostile.Patience()));

        Assert.IsNotType<ServiceUnreachableException>(error);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains($"the answer was larger than {RestCore.MaxResponseBytes >> 20} MiB", error.Message);
        Assert.Equal(1, server.Calls(Groups));
    }
}
