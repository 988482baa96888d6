using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Avenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AvenantsContrat",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContratId = table.Column<Guid>(type: "uuid", nullable: false),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<int>(type: "integer", nullable: false),
                    Objet = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Texte = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    EtabliLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EtabliParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SigneLe = table.Column<DateOnly>(type: "date", nullable: true),
                    DocumentSigneId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AvenantsContrat", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AvenantsContrat_Contrats_ContratId",
                        column: x => x.ContratId,
                        principalTable: "Contrats",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AvenantsContrat_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AvenantsContrat_ContratId_Numero",
                table: "AvenantsContrat",
                columns: new[] { "ContratId", "Numero" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AvenantsContrat_UsagerId",
                table: "AvenantsContrat",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AvenantsContrat");
        }
    }
}
