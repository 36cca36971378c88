using Microsoft.AspNetCore.Components;

namespace CarePortal.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon as its markup, without the MudIcon component: the shell and the queue show
/// icons on every page of every circuit, where each component is memory the server keeps (issue 15).
/// </summary>
public static class IconMarkup
{
    /// <param name="icon">The icon's SVG path (<c>Icons.Material.Filled.…</c>).</param>
    /// <param name="classes">MudBlazor's classes besides the root ones (size, colour, place).</param>
    public static RenderFragment Svg(string icon, string classes = "mud-icon-size-medium") => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon " + classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    };
}
