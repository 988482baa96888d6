using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace OpenDui.Web.Features.Soins;

/// <summary>A measurement series drawn on the server as SVG (no script, fine on a tablet); the page puts its data table under it.</summary>
public static class Graphique
{
    private const int Largeur = 640, Hauteur = 200, Marge = 40;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static IHtmlContent Svg(SerieMesures s)
    {
        var points = s.Points;
        if (points.Count == 0) return HtmlString.Empty;
        var valeurs = points.SelectMany(p => p.Valeur2 is { } v2 ? new[] { p.Valeur, v2 } : [p.Valeur]).ToList();
        decimal min = valeurs.Min(), max = valeurs.Max();
        if (max == min) { min -= 1; max += 1; }
        var t0 = points[0].PriseLe.ToUnixTimeSeconds();
        var t1 = Math.Max(points[^1].PriseLe.ToUnixTimeSeconds(), t0 + 1);
        double X(DateTimeOffset t) => Marge + (double)(t.ToUnixTimeSeconds() - t0) / (t1 - t0) * (Largeur - 2 * Marge);
        double Y(decimal v) => Hauteur - Marge / 2.0 - (double)((v - min) / (max - min)) * (Hauteur - Marge);
        var b = new StringBuilder();
        var titre = System.Net.WebUtility.HtmlEncode($"{s.Libelle} : évolution de {points.Count} mesure{(points.Count > 1 ? "s" : "")}, du {points[0].PriseLe:dd/MM/yyyy} au {points[^1].PriseLe:dd/MM/yyyy}");
        b.Append(Inv, $"<svg class=\"soins-graphique\" viewBox=\"0 0 {Largeur} {Hauteur}\" role=\"img\" aria-label=\"{titre}\">");
        b.Append(Inv, $"<line x1=\"{Marge}\" y1=\"{Hauteur - Marge / 2}\" x2=\"{Largeur - Marge}\" y2=\"{Hauteur - Marge / 2}\" class=\"axe\"/>");
        b.Append(Inv, $"<text x=\"2\" y=\"{Y(max) + 4:0.#}\" class=\"legende\">{max.ToString("0.##", Fr)}</text>");
        b.Append(Inv, $"<text x=\"2\" y=\"{Y(min) + 4:0.#}\" class=\"legende\">{min.ToString("0.##", Fr)}</text>");
        void Ligne(Func<MesureVue, decimal?> valeur, string classe)
        {
            var pts = points.Where(p => valeur(p) is not null).Select(p => $"{X(p.PriseLe).ToString("0.#", Inv)},{Y(valeur(p)!.Value).ToString("0.#", Inv)}").ToList();
            if (pts.Count > 1) b.Append(Inv, $"<polyline points=\"{string.Join(' ', pts)}\" class=\"{classe}\"/>");
            foreach (var p in pts) { var xy = p.Split(','); b.Append(Inv, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"4\" class=\"{classe}\"/>"); }
        }
        Ligne(p => p.Valeur, "serie");
        if (points.Any(p => p.Valeur2 is not null)) Ligne(p => p.Valeur2, "serie2");
        b.Append("</svg>");
        return new HtmlString(b.ToString());
    }
}
