namespace Vexil.Server.Hosting.Memory;

/// <summary><c>Vexil:Memory</c>: how an idle server gives back the garbage it made while idle.</summary>
public sealed class IdleCollectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Memory";

    /// <summary>
    /// How often the server looks for garbage that no collection will reach soon; 30 seconds by default, and
    /// <c>00:00:00</c> turns the idle collection off. A server under load is never collected by it (see
    /// <see cref="IdleCollection"/>).
    /// </summary>
    public TimeSpan IdleCollectionInterval { get; set; } = TimeSpan.FromSeconds(30);
}
