using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Hote;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>A write that lost a race: the API answers 409, a page form is sent back to be loaded again with the reason.</summary>
public sealed class ConflitsTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    private async Task<(bool Traite, HttpContext Contexte)> TraiterAsync(string methode, string chemin, Exception e)
    {
        using var scope = app.Services.CreateScope();
        var ctx = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        ctx.Request.Method = methode;
        ctx.Request.Path = chemin;
        ctx.Request.QueryString = new QueryString("?onglet=identite");
        ctx.Response.Body = new MemoryStream();
        var traite = await ActivatorUtilities.CreateInstance<Conflits>(scope.ServiceProvider).TryHandleAsync(ctx, e, CancellationToken.None);
        return (traite, ctx);
    }

    [Fact]
    public async Task Un_formulaire_qui_perd_une_course_est_renvoye_avec_l_explication()
    {
        var (traite, ctx) = await TraiterAsync("POST", "/Usagers/Identite/0f8fad5b-d9cb-469f-a165-70867728950e", new DbUpdateConcurrencyException());
        traite.Should().BeTrue();
        ctx.Response.StatusCode.Should().Be(StatusCodes.Status303SeeOther);
        ctx.Response.Headers.Location.ToString().Should().Be("/Usagers/Identite/0f8fad5b-d9cb-469f-a165-70867728950e?onglet=identite");
        // The explanation travels in the TempData cookie to the page loaded again.
        ctx.Response.Headers.SetCookie.ToString().Should().Contain(".AspNetCore.Mvc.CookieTempDataProvider");
    }

    [Fact]
    public async Task L_API_repond_409_et_les_autres_erreurs_restent_des_erreurs()
    {
        var (traite, ctx) = await TraiterAsync("PUT", "/api/usagers/0f8fad5b-d9cb-469f-a165-70867728950e/identite", new DbUpdateConcurrencyException());
        traite.Should().BeTrue();
        ctx.Response.StatusCode.Should().Be(StatusCodes.Status409Conflict);
        ctx.Response.Body.Position = 0;
        new StreamReader(ctx.Response.Body).ReadToEnd().Should().Contain("modifiée en même temps");

        (await TraiterAsync("POST", "/Usagers/Nouveau", new InvalidOperationException())).Traite.Should().BeFalse();
        (await TraiterAsync("GET", "/Usagers/Dossier/0f8fad5b-d9cb-469f-a165-70867728950e", new DbUpdateConcurrencyException())).Traite.Should().BeFalse();
    }
}
