using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostePartage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CleIdempotence",
                table: "RealisationsActes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CodesPersonnels",
                columns: table => new
                {
                    ProfessionnelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DefiniLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodesPersonnels", x => x.ProfessionnelId);
                    table.ForeignKey(
                        name: "FK_CodesPersonnels_AspNetUsers_ProfessionnelId",
                        column: x => x.ProfessionnelId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostesPartages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Libelle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmpreinteJeton = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MarqueLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MarqueParId = table.Column<Guid>(type: "uuid", nullable: true),
                    MarqueParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RetireLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostesPartages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PostesPartagesUnites",
                columns: table => new
                {
                    PostePartageId = table.Column<Guid>(type: "uuid", nullable: false),
                    UniteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostesPartagesUnites", x => new { x.PostePartageId, x.UniteId });
                    table.ForeignKey(
                        name: "FK_PostesPartagesUnites_PostesPartages_PostePartageId",
                        column: x => x.PostePartageId,
                        principalTable: "PostesPartages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PostesPartagesUnites_Unites_UniteId",
                        column: x => x.UniteId,
                        principalTable: "Unites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrisesDePoste",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PostePartageId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProfessionnelId = table.Column<Guid>(type: "uuid", nullable: false),
                    OuverteLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpireLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FermeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Motif = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EchecsCode = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrisesDePoste", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrisesDePoste_AspNetUsers_ProfessionnelId",
                        column: x => x.ProfessionnelId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrisesDePoste_PostesPartages_PostePartageId",
                        column: x => x.PostePartageId,
                        principalTable: "PostesPartages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RealisationsActes_ParId_CleIdempotence",
                table: "RealisationsActes",
                columns: new[] { "ParId", "CleIdempotence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostesPartages_EmpreinteJeton",
                table: "PostesPartages",
                column: "EmpreinteJeton",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostesPartagesUnites_UniteId",
                table: "PostesPartagesUnites",
                column: "UniteId");

            migrationBuilder.CreateIndex(
                name: "IX_PrisesDePoste_PostePartageId_FermeeLe_ExpireLe",
                table: "PrisesDePoste",
                columns: new[] { "PostePartageId", "FermeeLe", "ExpireLe" });

            migrationBuilder.CreateIndex(
                name: "IX_PrisesDePoste_ProfessionnelId",
                table: "PrisesDePoste",
                column: "ProfessionnelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CodesPersonnels");

            migrationBuilder.DropTable(
                name: "PostesPartagesUnites");

            migrationBuilder.DropTable(
                name: "PrisesDePoste");

            migrationBuilder.DropTable(
                name: "PostesPartages");

            migrationBuilder.DropIndex(
                name: "IX_RealisationsActes_ParId_CleIdempotence",
                table: "RealisationsActes");

            migrationBuilder.DropColumn(
                name: "CleIdempotence",
                table: "RealisationsActes");
        }
    }
}
