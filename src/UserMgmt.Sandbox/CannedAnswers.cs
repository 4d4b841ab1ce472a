using System.Net.Http.Headers;
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

    /// <summary>Distinct answers waiting at once; an answer for many calls is one entry, however many.</summary>
    public const int MaxQueued = 1000;

    private sealed class Entry(Answer answer, int times)
    {
        public Answer Answer { get; } = answer;
        public int Remaining { get; set; } = times;
    }

    private readonly Queue<Entry> _queue = new();
    private readonly Lock _gate = new();

    /// <summary>Queues an answer for the next <paramref name="times"/> calls; refuses one no server could send.</summary>
    public void Enqueue(Answer answer, int times)
    {
        if (answer.Status is < 100 or > 599) throw new ArgumentException($"'status' must be an HTTP status from 100 to 599, not {answer.Status}.");
        if (!MediaTypeHeaderValue.TryParse(answer.ContentType, out _)) throw new ArgumentException($"'contentType' '{answer.ContentType}' is not a media type.");
        if (answer.RetryAfterSeconds is < 0) throw new ArgumentException("'retryAfterSeconds' must not be negative.");
        if (times < 1) throw new ArgumentException("'times' must be at least 1.");
        lock (_gate)
        {
            if (_queue.Count >= MaxQueued) throw new ArgumentException($"At most {MaxQueued} canned answers wait at once; clear them or let calls use them up.");
            _queue.Enqueue(new Entry(answer, times));
        }
    }

    public bool TryTake(out Answer answer)
    {
        lock (_gate)
        {
            if (!_queue.TryPeek(out var next))
            {
                answer = null!;
                return false;
            }
            answer = next.Answer;
            if (--next.Remaining == 0) _queue.Dequeue();
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate) _queue.Clear();
    }

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
