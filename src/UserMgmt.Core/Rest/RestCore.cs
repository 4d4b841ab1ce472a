using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RestSharp;
using RestSharp.Authenticators;
using RestSharp.Serializers.Json;

namespace UserMgmt.Rest;

/// <summary>
/// The one HTTP client every provider talks through: sends a request, traces it with secrets
/// removed, and turns every kind of failure into a typed exception that names the request.
/// </summary>
internal sealed class RestCore : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxTracedBody = 2000;

    private readonly RestClient _client;
    private readonly SecretRedactor _redactor;

    public RestCore(Uri baseUri, IAuthenticator authenticator, SecretRedactor redactor, TimeSpan timeout)
    {
        _redactor = redactor;
        var options = new RestClientOptions(baseUri)
        {
            Authenticator = authenticator,
            Timeout = timeout,
            ThrowOnAnyError = false,
            UserAgent = $"UserMgmt/{typeof(RestCore).Assembly.GetName().Version?.ToString(3)}",
        };
        _client = new RestClient(options, configureSerialization: s => s.UseSystemTextJson(Json));
    }

    private static IActivityLog Log => ActivityLogScope.Current;

    /// <summary>Sends the request and returns the answer when it succeeded; throws otherwise.</summary>
    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var method = request.Method.ToString().ToUpperInvariant();
        var resource = DescribeResource(request);
        TraceRequest(method, resource, request);

        var clock = Stopwatch.StartNew();
        var response = await _client.ExecuteAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        if (response.ResponseStatus is ResponseStatus.Error or ResponseStatus.TimedOut or ResponseStatus.Aborted && response.StatusCode == 0)
        {
            var reason = response.ResponseStatus == ResponseStatus.TimedOut
                ? "the request timed out"
                : _redactor.Redact(response.ErrorException?.Message ?? response.ErrorMessage ?? "the connection failed");
            Log.Verbose($"{method} {resource} → no answer after {clock.ElapsedMilliseconds} ms: {reason}");
            throw new ServiceUnreachableException(method, resource, reason, response.ErrorException);
        }

        Log.Verbose($"{method} {resource} → {(int)response.StatusCode} {response.StatusCode} ({clock.ElapsedMilliseconds} ms)");
        TraceBody("response", response.Content);

        if (response.IsSuccessStatusCode) return response;

        var message = _redactor.Redact(ServerMessage.From(response.ContentType, response.Content));
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new AuthenticationFailedException(method, resource, response.StatusCode, message);
        throw new ApiException(method, resource, response.StatusCode, message);
    }

    /// <summary>Sends the request and reads its JSON answer, naming the request when the answer is not JSON.</summary>
    public async Task<T> SendAsync<T>(RestRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return ReadJson<T>(request, response);
    }

    private T ReadJson<T>(RestRequest request, RestResponse response)
    {
        var method = request.Method.ToString().ToUpperInvariant();
        var resource = DescribeResource(request);
        var body = response.Content ?? string.Empty;
        if (ServerMessage.LooksLikeHtml(response.ContentType, body))
            throw new ApiException(method, resource, response.StatusCode, ServerMessage.From(response.ContentType, body));
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json)
                   ?? throw new ApiException(method, resource, response.StatusCode, "the server's answer was empty");
        }
        catch (JsonException e)
        {
            throw new ApiException(method, resource, response.StatusCode,
                $"the server's answer is not valid JSON ({e.Message.Split(". ")[0]}; {body.Length} characters received)", e);
        }
    }

    private string DescribeResource(RestRequest request)
    {
        var uri = _client.BuildUri(request);
        return _redactor.Redact(uri.PathAndQuery);
    }

    private void TraceRequest(string method, string resource, RestRequest request)
    {
        Log.Debug($"→ {method} {resource}");
        foreach (var header in request.Parameters.Where(p => p.Type == ParameterType.HttpHeader))
            Log.Debug($"  {header.Name}: {_redactor.RedactHeader(header.Name!, header.Value?.ToString())}");
        var body = request.Parameters.OfType<JsonParameter>().FirstOrDefault();
        if (body?.Value is { } value) TraceBody("request", JsonSerializer.Serialize(value, Json));
    }

    private void TraceBody(string what, string? body)
    {
        if (string.IsNullOrEmpty(body)) return;
        var shown = body.Length <= MaxTracedBody ? body : body[..MaxTracedBody] + $"… ({body.Length} characters)";
        Log.Debug($"  {what} body: {_redactor.Redact(shown)}");
    }

    public void Dispose() => _client.Dispose();
}
