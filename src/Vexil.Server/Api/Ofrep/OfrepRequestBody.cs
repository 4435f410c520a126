using System.IO.Pipelines;

namespace Vexil.Server.Api.Ofrep;

/// <summary>Reads a whole (small) request body from the request's pipe without copying it.</summary>
internal static class OfrepRequestBody
{
    /// <summary>
    /// Waits until the body is complete and returns it; the caller must <c>AdvanceTo(result.Buffer.End)</c> when done.
    /// Kestrel's request size limit (see <see cref="RequestLimits.MaxBodyBytes"/>) bounds it.
    /// </summary>
    public static async ValueTask<ReadResult> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                return result;
            }

            // Nothing consumed, everything examined: the next read waits for more bytes.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
