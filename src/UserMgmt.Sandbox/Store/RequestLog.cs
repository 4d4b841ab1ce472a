namespace UserMgmt.Sandbox.Store;

/// <summary>Every API call the sandbox answered, so tests can count what a command really sent.</summary>
public sealed class RequestLog(SandboxDatabase database)
{
    public sealed record EndpointCount(string Method, string Endpoint, int Status, int Count);

    /// <summary>Records a call; <paramref name="arrivedAt"/> (epoch ms) is when it reached the sandbox, as rate limits count.</summary>
    public Task RecordAsync(string method, string path, string endpoint, int status, long arrivedAt) =>
        database.RunAsync(c => c.Execute(
            "INSERT INTO request_log (method, path, endpoint, status, at) VALUES (@m, @p, @e, @s, @at)",
            ("@m", method), ("@p", path), ("@e", endpoint), ("@s", status), ("@at", arrivedAt)));

    public Task<List<EndpointCount>> CountsAsync() =>
        database.RunAsync(c => c.Query(
            "SELECT method, endpoint, status, COUNT(*) FROM request_log GROUP BY method, endpoint, status ORDER BY method, endpoint, status",
            r => new EndpointCount(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3))));

    public Task ClearAsync() => database.RunAsync(c => c.Execute("DELETE FROM request_log"));
}
