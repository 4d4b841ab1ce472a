namespace UserMgmt.Bulk;

/// <summary>A platform that manages users through server-side bulk jobs.</summary>
public interface IBulkJobClient
{
    /// <summary>Rows per job when the caller does not say; the platform advises small batches.</summary>
    int DefaultBatchSize { get; }

    Task<BulkUserTemplate> GetTemplateAsync(CancellationToken cancellationToken);

    /// <summary>Uploads the rows as a file, creating a job; returns it with the rows attached.</summary>
    Task<BulkJob> UploadAsync(IReadOnlyList<BulkUserRow> rows, string filename, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a job not yet processed a new file in place of its own; returns it with these rows attached.
    /// Uploading alone (<see cref="UploadAsync"/>) leaves a job waiting, so it can be replaced before it is proceeded.
    /// </summary>
    Task<BulkJob> ReplaceFileAsync(BulkJob job, IReadOnlyList<BulkUserRow> rows, string filename, CancellationToken cancellationToken);

    /// <summary>Asks the platform to check and process the job.</summary>
    Task<BulkJob> ProceedAsync(BulkJob job, CancellationToken cancellationToken);

    Task<BulkJob> GetJobAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<BulkJob>> ListJobsAsync(int page, int perPage, CancellationToken cancellationToken);

    Task<IReadOnlyList<BulkJobError>> GetErrorsAsync(BulkJob job, BulkErrorKind kind, CancellationToken cancellationToken);
}
