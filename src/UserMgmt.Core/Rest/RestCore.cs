using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using RestSharp;
using RestSharp.Authenticators;
using RestSharp.Serializers.Json;

namespace UserMgmt.Rest;

/// <summary>
/// The one HTTP client every provider talks through: sends a request with retries (Polly),
/// keeps to the platform's rate, traces it with secrets removed, and turns every kind of failure
/// into a typed exception that names the request.
/// </summary>
internal sealed class RestCore : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxTracedBody = 2000;

    /// <summary>The largest answer read; anything larger fails the call, unread and not retried.</summary>
    public const long MaxResponseBytes = 32 << 20;

    private readonly RestClient _client;
    private readonly SecretRedactor _redactor;
    private readonly RetryPolicy _defaultPolicy;
    private readonly RequestRateGate? _rateGate;
    private readonly JsonSerializerOptions _json;
    private readonly ConcurrentDictionary<(RetryPolicy, bool), ResiliencePipeline<RestResponse>> _pipelines = new();

    public RestCore(Uri baseUri, IAuthenticator authenticator, SecretRedactor redactor, RetryPolicy policy,
        int? requestsPerSecond = null, JsonSerializerOptions? json = null)
    {
        _json = json ?? Json;
        _redactor = redactor;
        _defaultPolicy = policy;
        _rateGate = requestsPerSecond is { } rate ? new RequestRateGate(rate) : null;
        var options = new RestClientOptions(baseUri)
        {
            Authenticator = authenticator,
            ThrowOnAnyError = false,
            UserAgent = $"UserMgmt/{typeof(RestCore).Assembly.GetName().Version?.ToString(3)}",
            ConfigureMessageHandler = handler => new ResponseSizeLimit(MaxResponseBytes) { InnerHandler = handler },
            // A redirect would carry the key headers to whatever address it names: admin APIs do not
            // redirect, so one is reported instead of followed (see Interpret).
            FollowRedirects = false,
        };
        _client = new RestClient(options, configureSerialization: s => s.UseSystemTextJson(_json));
    }

    private static IActivityLog Log => CommandScope.Log;

    /// <summary>Sends the request, retrying what is worth retrying; returns the answer when it succeeded and throws otherwise.</summary>
    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var call = new Call(request.Method.ToString().ToUpperInvariant(), DescribeResource(request), Repeatable: request.Method != Method.Post);
        var policy = CommandScope.Retry ?? _defaultPolicy;
        request.Timeout = policy.RequestTimeout;
        var pipeline = _pipelines.GetOrAdd((policy, call.Repeatable), key => BuildPipeline(key.Item1, key.Item2));
        var response = await pipeline.ExecuteAsync(token => SendOnceAsync(request, call, token), cancellationToken);
        return Interpret(call, response, policy);
    }

    /// <summary>Sends the request and reads its JSON answer, naming the request when the answer is not JSON.</summary>
    public async Task<T> SendAsync<T>(RestRequest request, CancellationToken cancellationToken) =>
        Read<T>(request, await SendAsync(request, cancellationToken));

    /// <summary>Reads the JSON of an answer <see cref="SendAsync(RestRequest, CancellationToken)"/> returned, naming the request when it is not what was expected.</summary>
    public T Read<T>(RestRequest request, RestResponse response)
    {
        var call = new Call(request.Method.ToString().ToUpperInvariant(), DescribeResource(request), true);
        var body = response.Content ?? string.Empty;
        try
        {
            return JsonSerializer.Deserialize<T>(body, _json)
                   ?? throw new ApiException(call.Method, call.Resource, response.StatusCode, "the server's answer was empty");
        }
        catch (JsonException e)
        {
            throw new ApiException(call.Method, call.Resource, response.StatusCode,
                $"the server's answer is not valid JSON ({_redactor.Redact(e.Message.Split(". ")[0])}; {body.Length} characters received)");
        }
    }

    private readonly record struct Call(string Method, string Resource, bool Repeatable);

    private async ValueTask<RestResponse> SendOnceAsync(RestRequest request, Call call, CancellationToken cancellationToken)
    {
        using var slot = _rateGate is null ? null : await _rateGate.EnterAsync(cancellationToken);
        TraceRequest(call, request);
        var clock = Stopwatch.StartNew();
        var response = await _client.ExecuteAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        RequestMetrics.Current?.Record((int)response.StatusCode);

        TraceAnswer(call, response, clock.ElapsedMilliseconds);
        TraceBody("response", response.Content);
        return response;
    }

    private static ResiliencePipeline<RestResponse> BuildPipeline(RetryPolicy policy, bool repeatable)
    {
        if (policy.MaxRetry <= 0) return ResiliencePipeline<RestResponse>.Empty;
        return new ResiliencePipelineBuilder<RestResponse>()
            .AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = policy.MaxRetry,
                Delay = policy.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromMinutes(5),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && TransientFailures.IsRetryable(response, repeatable) && WaitTooLong(response, policy) is null),
                // Never more than the policy's longest wait: ShouldHandle gave up on anything longer.
                DelayGenerator = args => ValueTask.FromResult(TransientFailures.RetryAfter(args.Outcome.Result)?.Wait),
                OnRetry = args =>
                {
                    if (!Log.ShowsVerbose) return ValueTask.CompletedTask;
                    var answer = args.Outcome.Result is { StatusCode: not 0 } r ? $"{(int)r.StatusCode} {r.StatusCode}" : "no answer";
                    Log.Verbose($"Retry {args.AttemptNumber + 1} of {policy.MaxRetry} in {args.RetryDelay.TotalMilliseconds:0} ms after {answer}.");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The seconds a retryable answer asked to wait, when that is longer than the policy waits.</summary>
    private static string? WaitTooLong(RestResponse response, RetryPolicy policy) =>
        TransientFailures.RetryAfter(response) is { } asked && asked.Wait > policy.LongestServerWait ? asked.Seconds : null;

    /// <summary>Turns the final answer into a result or the exception that says what went wrong.</summary>
    private RestResponse Interpret(Call call, RestResponse response, RetryPolicy policy)
    {
        if (response.IsSuccessStatusCode)
        {
            // A proxy's sign-in page or a firewall's block page comes with 200 too; an admin API never answers in HTML.
            if (ServerMessage.LooksLikeHtml(response.ContentType, response.Content ?? ""))
                throw new ApiException(call.Method, call.Resource, response.StatusCode, ServerMessage.From(response.ContentType, response.Content, _redactor));
            if (ErrorEnvelope.Failure(response.ContentType, response.Content, _redactor) is not { } refusal) return response;
            throw new ApiException(call.Method, call.Resource, response.StatusCode, refusal);
        }
        if (TransientFailures.TooLarge(response) is { } tooLarge)
            throw new ApiException(call.Method, call.Resource, tooLarge.Status, tooLarge.Message);
        // Before the ambiguity check: a 429 or 503 says the platform did not act, however long it asks to wait.
        if (TransientFailures.IsRetryable(response, call.Repeatable) && WaitTooLong(response, policy) is { } seconds)
            throw new ApiException(call.Method, call.Resource, response.StatusCode,
                $"the platform asked to wait {seconds} s, more than the {policy.LongestServerWait.TotalSeconds:0} s this module waits; try again later");
        if (!call.Repeatable && TransientFailures.IsAmbiguous(response))
            throw new AmbiguousOutcomeException(call.Method, call.Resource, NoStatus(response), Reason(response));
        if (TransientFailures.NoAnswer(response))
            throw new ServiceUnreachableException(call.Method, call.Resource, Reason(response), response.ErrorException);

        if ((int)response.StatusCode is >= 300 and < 400)
            throw new ApiException(call.Method, call.Resource, response.StatusCode, Redirected(response));

        var message = ServerMessage.From(response.ContentType, response.Content, _redactor);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new AuthenticationFailedException(call.Method, call.Resource, response.StatusCode, message);
        throw new ApiException(call.Method, call.Resource, response.StatusCode, message);
    }

    private string Redirected(RestResponse response)
    {
        var location = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return (location is null ? "the platform redirected the request without saying where" : $"the platform redirected the request to {_redactor.Redact(location)}")
               + "; redirects are not followed, so the credentials never go to another address: connect with the address the platform uses";
    }

    private static HttpStatusCode? NoStatus(RestResponse response) => response.StatusCode == 0 ? null : response.StatusCode;

    private string Reason(RestResponse response) => response switch
    {
        { StatusCode: not 0 } => ServerMessage.From(response.ContentType, response.Content, _redactor),
        { ResponseStatus: ResponseStatus.TimedOut } => "the request timed out",
        _ => _redactor.Redact(response.ErrorException?.Message ?? response.ErrorMessage ?? "the connection failed"),
    };

    private string DescribeResource(RestRequest request) => _redactor.Redact(_client.BuildUri(request).PathAndQuery);

    private void TraceAnswer(Call call, RestResponse response, long milliseconds)
    {
        if (!Log.ShowsVerbose) return;
        if (TransientFailures.TooLarge(response) is { } tooLarge)
            Log.Verbose($"{call.Method} {call.Resource} → {(int)tooLarge.Status} {tooLarge.Status}, but {tooLarge.Message} ({milliseconds} ms)");
        else if (TransientFailures.NoAnswer(response))
            Log.Verbose($"{call.Method} {call.Resource} → no answer after {milliseconds} ms: {Reason(response)}");
        else
            Log.Verbose($"{call.Method} {call.Resource} → {(int)response.StatusCode} {response.StatusCode} ({milliseconds} ms)");
    }

    private void TraceRequest(Call call, RestRequest request)
    {
        // Bodies are serialised and masked only to be traced: not for every call of a command nobody traces.
        if (!Log.ShowsDebug) return;
        Log.Debug($"→ {call.Method} {call.Resource}");
        foreach (var header in request.Parameters.Where(p => p.Type == ParameterType.HttpHeader))
            Log.Debug($"  {header.Name}: {_redactor.RedactHeader(header.Name!, header.Value?.ToString())}");
        var body = request.Parameters.OfType<JsonParameter>().FirstOrDefault();
        if (body?.Value is { } value) TraceBody("request", JsonSerializer.Serialize(value, _json));
    }

    private void TraceBody(string what, string? body)
    {
        if (string.IsNullOrEmpty(body) || !Log.ShowsDebug) return;
        // Masked before it is cut: a cut through a secret would show its start.
        var cut = body.Length > MaxTracedBody ? $"… ({body.Length} characters)" : "";
        Log.Debug($"  {what} body: {_redactor.Redact(body, MaxTracedBody)}{cut}");
    }

    public void Dispose() => _client.Dispose();
}
