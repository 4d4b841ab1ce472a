using System.Threading.Channels;

namespace UserMgmt.Sandbox.Ccai;

/// <summary>Processes proceeded jobs in the background, one at a time, as the platform does.</summary>
public sealed class BulkJobProcessor(BulkJobStore jobs, ILogger<BulkJobProcessor> logger) : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();

    public void Enqueue(long jobId) => _queue.Writer.TryWrite(jobId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var jobId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await jobs.MarkAsync(jobId, BulkJobStore.States.InProgress);
                await jobs.ApplyAsync(jobId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Bulk job {JobId} failed", jobId);
                await MarkFailedAsync(jobId);
            }
        }
    }

    // One job's failure must not end the processing of the others, even when its status cannot be written.
    private async Task MarkFailedAsync(long jobId)
    {
        try
        {
            await jobs.MarkAsync(jobId, BulkJobStore.States.Failed);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Bulk job {JobId} could not be marked failed", jobId);
        }
    }
}
