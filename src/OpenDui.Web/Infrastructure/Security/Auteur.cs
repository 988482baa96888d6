using System.Security.Claims;

namespace OpenDui.Web.Infrastructure.Security;

/// <summary>Who is acting: the signed-in professional, or the system (CLI, start-up).</summary>
public interface IAuteur
{
    Guid? Id { get; }
    string Nom { get; }
}

public sealed class AuteurHttp(IHttpContextAccessor http) : IAuteur
{
    private ClaimsPrincipal? User => http.HttpContext?.User;

    public Guid? Id => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Nom => User?.FindFirstValue(Revendications.NomComplet) ?? (Id is null ? "système" : "inconnu");
}

public sealed class AuteurSysteme(string nom) : IAuteur
{
    public Guid? Id => null;
    public string Nom => nom;
}
