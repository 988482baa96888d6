using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features;

/// <summary>Base of the console's pages: the caller as an <see cref="Acteur"/>, and one way to run a use case
/// that turns rule refusals into French form errors (nothing saved), unknown ids into 404 and others' files into 403.</summary>
public abstract class PageProgramme : PageModel
{
    protected Acteur Acteur => Acteur.De(User);

    protected async Task<IActionResult> Executer(Func<Task> action, Func<IActionResult> ensuite, string? succes = null)
    {
        try
        {
            await action();
            if (succes is not null) TempData["Succes"] = succes;
            return ensuite();
        }
        catch (RegleException e)
        {
            ModelState.AddModelError("", e.Message);
            foreach (var d in e.Details) ModelState.AddModelError("", d);
        }
        catch (DbUpdateConcurrencyException) { ModelState.AddModelError("", "Le dossier a été modifié entre-temps : rechargez la page et recommencez."); }
        catch (IntrouvableException) { return NotFound(); }
        catch (InterditException) { return Forbid(); }
        return await Echec();
    }

    /// <summary>Runs a use case that answers with a <see cref="Resultat{T}"/>: its French errors go to the form, nothing was saved.</summary>
    protected async Task<IActionResult> Executer<T>(Func<Task<Resultat<T>>> action, Func<T, IActionResult> ensuite, string? succes = null)
    {
        var r = await action();
        switch (r.Statut)
        {
            case StatutResultat.Ok:
                if (succes is not null) TempData["Succes"] = succes;
                return ensuite(r.Valeur!);
            case StatutResultat.Introuvable: return NotFound();
            case StatutResultat.Interdit: return Forbid();
        }
        foreach (var m in r.Erreurs.Messages) ModelState.AddModelError("", m);
        return await Echec();
    }

    protected Task<IActionResult> Executer<T>(Func<Task<Resultat<T>>> action, Func<IActionResult> ensuite, string? succes = null) =>
        Executer(action, _ => ensuite(), succes);

    /// <summary>Re-renders the page after a refused operation (the page reloads its data).</summary>
    protected abstract Task<IActionResult> Echec();
}
