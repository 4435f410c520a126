namespace Vexil.Server.Notifications.Routing;

/// <summary>What an end-to-end delivery sends: the pipeline variables, and the change's title for the QA channel message.</summary>
/// <param name="Title">The change's title, e.g. "Feature flag 'x' has been set to 'true' on staging".</param>
/// <param name="Variables">
/// The pipeline variables: <c>feature_toggled</c> (the flag), <c>feature_value</c> (the value set), <c>username</c>
/// (who), and <c>feature_environment</c> (where), sent as <c>variables[name]</c> form fields.
/// </param>
public sealed record EndToEndPayload(string Title, IReadOnlyDictionary<string, string> Variables);
