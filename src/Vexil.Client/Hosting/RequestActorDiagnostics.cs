using System.Diagnostics;

namespace Vexil.Client.Hosting;

/// <summary>
/// Gives each ASP.NET Core request its own <see cref="Actor.CurrentRequest"/> without a reference to ASP.NET Core: the
/// host writes <c>Microsoft.AspNetCore.Hosting.BeginRequest</c> to its diagnostic listener synchronously while it
/// creates the request's context, on the flow that then runs the request, so a value stored there is seen by the whole
/// request (the same way the host sets IHttpContextAccessor). Only that one event is enabled, so the host creates no
/// extra activity for us.
/// </summary>
internal sealed class RequestActorDiagnostics : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string ListenerName = "Microsoft.AspNetCore";
    private const string BeginRequest = "Microsoft.AspNetCore.Hosting.BeginRequest";

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == ListenerName)
        {
            value.Subscribe(this, static name => name == BeginRequest);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == BeginRequest)
        {
            RequestActorScope.BeginWithoutScope();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
