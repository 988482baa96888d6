using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Http;
using OpenDui.Web.Features.Messagerie;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Messagerie;

/// <summary>The demo's messaging, read as the demo's EHPAD nurse would: the address book, a resident's sent message with its
/// receipts and the partner's answer, the message about nobody known waiting in triage.</summary>
public sealed class DonneesDemoMessagerieTests(ApplicationDemoSqlite app) : IClassFixture<ApplicationDemoSqlite>
{
    [Fact]
    public async Task La_demo_montre_carnet_messages_accuses_et_tri()
    {
        var infirmier = await app.ClientApiAsync("infirmier");
        var carnet = await infirmier.GetFromJsonAsync<JsonElement>("/api/messagerie/carnet");
        carnet.EnumerateArray().Select(a => a.GetProperty("adresse").GetString()).Should().Contain(["claire.geronte@ch-demo.mssante.fr", "luc.mouvement@kine-demo.mssante.fr"]);

        Guid usager;
        using (var scope = app.Services.CreateScope())
            usager = (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MessagesMss.AsNoTracking()
                .Where(m => m.Sens == SensMessage.Recu && m.UsagerId != null).Select(m => m.UsagerId!.Value).FirstAsync());
        var messages = (await infirmier.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/messages")).EnumerateArray().ToList();
        messages.Should().Contain(m => m.GetProperty("sens").GetString() == "Recu");
        var envoye = messages.Single(m => m.GetProperty("sens").GetString() == "Envoye");
        envoye.GetProperty("accuses").EnumerateArray().Select(a => a.GetString()).Should().Contain(["Remis dans la boîte du destinataire", "Lu par le destinataire"]);

        var tri = (await infirmier.GetFromJsonAsync<JsonElement>("/api/messagerie/tri")).EnumerateArray().ToList();
        tri.Should().ContainSingle().Which.GetProperty("objet").GetString().Should().Contain("Sortie d'hospitalisation");
    }
}
