using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>A page of audit events, newest first.</summary>
public sealed record AuditPageView(int Page, int PageSize, long Total, IReadOnlyList<AuditEventView> Events);
