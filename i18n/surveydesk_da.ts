<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>SurveyDesk could not start</source>
        <translation>SurveyDesk kunne ikke starte</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Citizen service survey</source>
        <translation>Brugerundersøgelse af Borgerservice</translation>
    </message>
    <message>
        <source>Jobcentre survey</source>
        <translation>Brugerundersøgelse i Jobcentret</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;New project from form…</source>
        <translation>&amp;Ny undersøgelse fra spørgeskema…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Åbn projekt…</translation>
    </message>
    <message>
        <source>Open &amp;demo</source>
        <translation>Åbn &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>&amp;Luk projekt</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>A&amp;fslut</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>&amp;About SurveyDesk</source>
        <translation>&amp;Om SurveyDesk</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Intet projekt åbent</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>The project</source>
        <translation>Projektet</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>Projektet kunne ikke åbnes</translation>
    </message>
    <message>
        <source>Could not open the demo</source>
        <translation>Demoen kunne ikke åbnes</translation>
    </message>
    <message>
        <source>Could not create the project</source>
        <translation>Projektet kunne ikke oprettes</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Åbn projekt</translation>
    </message>
    <message>
        <source>SurveyDesk projects (*.sdproj);;All files (*)</source>
        <translation>SurveyDesk-projekter (*.sdproj);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Choose the questionnaire (XLSForm)</source>
        <translation>Vælg spørgeskemaet (XLSForm)</translation>
    </message>
    <message>
        <source>XLSForm workbooks (*.xlsx)</source>
        <translation>XLSForm-projektmapper (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the new project as</source>
        <translation>Gem den nye undersøgelse som</translation>
    </message>
    <message>
        <source>SurveyDesk projects (*.sdproj)</source>
        <translation>SurveyDesk-projekter (*.sdproj)</translation>
    </message>
    <message>
        <source>About SurveyDesk</source>
        <translation>Om SurveyDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SurveyDesk %1&lt;/h3&gt;&lt;p&gt;Run and analyse municipal citizen surveys: XLSForm questionnaires, interviews on the web, in person and by phone, analysis and Excel reports.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SurveyDesk %1&lt;/h3&gt;&lt;p&gt;Gennemfør og analysér kommunale borgerundersøgelser: XLSForm-spørgeskemaer, besvarelser på web, ved personligt fremmøde og pr. telefon, analyser og Excel-rapporter.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>I alt</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Personligt fremmøde</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Gennemført</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Delvis</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Afbrudt</translation>
    </message>
    <message>
        <source>%1 (the project holds %2 versions of the form)</source>
        <translation>%1 (projektet rummer %2 versioner af spørgeskemaet)</translation>
    </message>
    <message>
        <source>All waves</source>
        <translation>Alle bølger</translation>
    </message>
    <message>
        <source>one language (no language columns)</source>
        <translation>ét sprog (ingen sprogkolonner)</translation>
    </message>
    <message>
        <source>No project is open.

Use File ▸ Open project… to open a project, or File ▸ Open demo to look around.</source>
        <translation>Intet projekt er åbent.

Vælg Fil ▸ Åbn projekt… for at åbne et projekt, eller Fil ▸ Åbn demo for at se dig omkring.</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Spørgeskema</translation>
    </message>
    <message>
        <source>Form ID:</source>
        <translation>Skema-id:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Languages:</source>
        <translation>Sprog:</translation>
    </message>
    <message>
        <source>Interviews:</source>
        <translation>Besvarelser:</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>Bølger</translation>
    </message>
    <message>
        <source>The project has no interviews yet. Import respondent data or enter interviews to see them here.</source>
        <translation>Projektet har endnu ingen besvarelser. Importér respondentdata eller indtast interview for at se dem her.</translation>
    </message>
</context>
</TS>
