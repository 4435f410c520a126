using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>A page of the audit trail, newest first (changes and, as asked, the other entries; see <see cref="AuditEventView.Kind"/>).</summary>
public sealed record AuditPageView(int Page, int PageSize, long Total, IReadOnlyList<AuditEventView> Events);
