using Microsoft.Extensions.Options;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>
/// Every settings section is checked the same way (an <c>IValidateOptions</c> with <c>ValidateOnStart</c>): a bad value
/// stops the start with an <see cref="OptionsValidationException"/> whose message names the key, its value and the fix.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Vexil:ProductionCheck:Url", "ftp://checks.example.test",
        "Vexil:ProductionCheck:Url is 'ftp://checks.example.test', which is not an absolute http or https URL; set it to the check's address, e.g. https://checks.example.com/production.")]
    [InlineData("Vexil:ProductionCheck:Timeout", "soon",
        "Vexil:ProductionCheck:Timeout is 'soon'; set it to a number of seconds, e.g. 300, or a time span such as 00:05:00.")]
    [InlineData("Vexil:ChatOps:AcknowledgeAfter", "3",
        "Vexil:ChatOps:AcknowledgeAfter is '3'; set it to a number of seconds from 0 to below 3 (Slack's deadline), e.g. 2.")]
    [InlineData("Vexil:Ofrep:HeartbeatInterval", "00:00:00", "Vexil:Ofrep:HeartbeatInterval is 00:00:00; set a positive interval such as 00:00:15.")]
    [InlineData("Vexil:Ofrep:MaxActors", "0", "Vexil:Ofrep:MaxActors is 0; set at least 1.")]
    [InlineData("Vexil:Ofrep:InactivityDelaySeconds", "0", "Vexil:Ofrep:InactivityDelaySeconds is 0; set at least 1.")]
    [InlineData("Vexil:Memory:IdleCollectionInterval", "00:00:00.2", "Vexil:Memory:IdleCollectionInterval is 00:00:00.2000000; set at least 00:00:01 (30 seconds is the default), or 00:00:00 to turn the idle collection off.")]
    public void A_bad_setting_stops_the_start_saying_what_to_fix(string key, string value, string message)
    {
        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(
            () => VexilServerFactory.With(new Dictionary<string, string?> { [key] = value }));

        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
