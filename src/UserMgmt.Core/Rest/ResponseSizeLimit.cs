using System.Buffers;
using System.Net;

namespace UserMgmt.Rest;

/// <summary>
/// Stops reading an answer once it passes the limit, so a broken or hostile platform cannot fill
/// memory. A declared length over the limit is refused before anything is read; a body without one
/// (chunked, perhaps never ending) is cut as soon as it passes the limit.
/// </summary>
internal sealed class ResponseSizeLimit(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw new ResponseTooLargeException(response.StatusCode, maxBytes);
        }
        // HttpClient buffers the body after this handler returns; the limit applies while it does.
        response.Content = new LimitedContent(response.Content, maxBytes, response.StatusCode);
        return response;
    }

    private sealed class LimitedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly long _maxBytes;
        private readonly HttpStatusCode _status;

        public LimitedContent(HttpContent inner, long maxBytes, HttpStatusCode status)
        {
            (_inner, _maxBytes, _status) = (inner, maxBytes, status);
            foreach (var (name, values) in inner.Headers) Headers.TryAddWithoutValidation(name, values);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var source = await _inner.ReadAsStreamAsync(cancellationToken);
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > _maxBytes) throw new ResponseTooLargeException(_status, _maxBytes);
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The platform's answer passed the size limit. Not an IOException on purpose: the HTTP stack
/// passes it up unwrapped, so the REST core can tell it from a lost connection and not retry it.
/// </summary>
internal sealed class ResponseTooLargeException(HttpStatusCode status, long maxBytes)
    : Exception($"the answer was larger than {maxBytes >> 20} MiB, more than this module reads")
{
    public HttpStatusCode Status { get; } = status;
}
