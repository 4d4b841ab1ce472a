using System.Collections.Concurrent;
using UserMgmt.Sandbox.Access;

namespace UserMgmt.Sandbox;

/// <summary>
/// Answers queued through the admin API that the next platform calls receive instead of the real
/// one, to show clients what broken servers send: HTML error pages, cut-off JSON, odd statuses.
/// Only calls whose key was accepted get here, so nobody else can use them up.
/// </summary>
public sealed class CannedAnswers : IMiddleware
{
    public sealed record Answer(int Status, string ContentType, string Body, int? RetryAfterSeconds = null);

    private readonly ConcurrentQueue<Answer> _queue = new();

    public void Enqueue(Answer answer, int times)
    {
        for (var i = 0; i < times; i++) _queue.Enqueue(answer);
    }

    public bool TryTake(out Answer answer) => _queue.TryDequeue(out answer!);

    public void Clear() => _queue.Clear();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Caller.Of(context) is null || !TryTake(out var answer))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body);
    }
}
