using System.Text;

namespace Vexil.Server.Hosting;

/// <summary>A small flag icon: browsers always ask for <c>/favicon.ico</c>, and a 404 there is noise in every log.</summary>
internal static class Favicon
{
    public static readonly byte[] Bytes = Encoding.UTF8.GetBytes(
        """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="1" width="1.5" height="14" fill="#444"/><path d="M3.5 2h9l-2 3 2 3h-9z" fill="#e24329"/></svg>""");
}
