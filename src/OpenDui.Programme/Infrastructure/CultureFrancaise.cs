using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OpenDui.Programme.Infrastructure;

/// <summary>
/// The console speaks French: amounts and dates are written the French way (315 000 €), whatever the server's
/// locale. Browsers still post numbers and dates in invariant form (input type=number gives "157500.5"), so forms
/// are bound with the invariant culture; otherwise fr-FR would refuse every decimal typed in a form.
/// </summary>
public static class CultureFrancaise
{
    public static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static void AjouterCultureFrancaise(this IServiceCollection services) =>
        services.Configure<MvcOptions>(o =>
        {
            var i = o.ValueProviderFactories.IndexOf(o.ValueProviderFactories.OfType<FormValueProviderFactory>().Single());
            o.ValueProviderFactories[i] = new FormulaireInvariant();
        });

    public static void UtiliserCultureFrancaise(this IApplicationBuilder app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Fr),
            SupportedCultures = [Fr],
            SupportedUICultures = [Fr],
            RequestCultureProviders = [],
        });

    private sealed class FormulaireInvariant : IValueProviderFactory
    {
        public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
        {
            var requete = context.ActionContext.HttpContext.Request;
            if (!requete.HasFormContentType) return;
            IFormCollection formulaire;
            try { formulaire = await requete.ReadFormAsync(); }
            catch (Exception e) when (e is InvalidDataException or IOException) { throw new ValueProviderException("Formulaire illisible.", e); }
            context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, formulaire, CultureInfo.InvariantCulture));
        }
    }
}
