using Microsoft.EntityFrameworkCore;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>Rows left out of the change trail: reference data loaded from national files, and the record's timeline,
/// which only restates changes already traced.</summary>
public interface INonTracee;

/// <summary>The record of a person itself: its changes are filed under its own id in the change trail.</summary>
public interface IRacineUsager
{
    Guid Id { get; }
}

/// <summary>What a module's model needs on PostgreSQL only (a collation, an index method), applied after its
/// <c>IEntityTypeConfiguration</c> classes.</summary>
public interface IConfigurationPostgres
{
    void Configurer(ModelBuilder b);
}
