using System.Collections.Concurrent;

namespace UserMgmt.Sandbox;

/// <summary>
/// Answers queued through the admin API that the next platform calls receive instead of the real
/// one, to show clients what broken servers send: HTML error pages, cut-off JSON, odd statuses.
/// </summary>
public sealed class CannedAnswers
{
    public sealed record Answer(int Status, string ContentType, string Body, int? RetryAfterSeconds = null);

    private readonly ConcurrentQueue<Answer> _queue = new();

    public void Enqueue(Answer answer, int times)
    {
        for (var i = 0; i < times; i++) _queue.Enqueue(answer);
    }

    public bool TryTake(out Answer answer) => _queue.TryDequeue(out answer!);

    public void Clear() => _queue.Clear();
}
