<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>AbortDialog</name>
    <message>
        <source>Abort the interview</source>
        <translation>Afbryd interviewet</translation>
    </message>
    <message>
        <source>The answers given so far are kept, and the interview is saved as aborted. Why does the interview stop?</source>
        <translation>De svar, der allerede er givet, bliver gemt, og interviewet gemmes som afbrudt. Hvorfor stopper interviewet?</translation>
    </message>
    <message>
        <source>The citizen left</source>
        <translation>Borgeren gik</translation>
    </message>
    <message>
        <source>The citizen does not want to continue</source>
        <translation>Borgeren ønsker ikke at fortsætte</translation>
    </message>
    <message>
        <source>Language barrier</source>
        <translation>Sprogbarriere</translation>
    </message>
    <message>
        <source>Other reason (write it below)</source>
        <translation>Anden årsag (skriv den nedenfor)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Bemærkning:</translation>
    </message>
    <message>
        <source>Abort interview</source>
        <translation>Afbryd interview</translation>
    </message>
    <message>
        <source>Continue interview</source>
        <translation>Fortsæt interview</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About SurveyDesk</source>
        <translation>Om SurveyDesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;SurveyDesk %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;SurveyDesk %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Run and analyse municipal citizen surveys: XLSForm questionnaires, interviews on the web, in person and by phone, analysis and Excel reports.</source>
        <translation>Gennemfør og analysér kommunale borgerundersøgelser: XLSForm-spørgeskemaer, besvarelser på web, ved personligt fremmøde og pr. telefon, analyser og Excel-rapporter.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Licens:</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>All rights reserved</source>
        <translation>Alle rettigheder forbeholdes</translation>
    </message>
    <message>
        <source>%1 (PySide6 %2)</source>
        <translation>%1 (PySide6 %2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bundled libraries&lt;/b&gt; (read from their installed package information):</source>
        <translation>&lt;b&gt;Medfølgende biblioteker&lt;/b&gt; (læst fra deres installerede pakkeoplysninger):</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliotek</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licens</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>ikke oplyst</translation>
    </message>
    <message>
        <source>Qt and PySide6 are used under the GNU Lesser General Public License version 3. They are separate libraries in the application folder and can be replaced; their source code is at &lt;a href=&quot;https://download.qt.io/official_releases/&quot;&gt;download.qt.io&lt;/a&gt;. Every library keeps its own licence.</source>
        <translation>Qt og PySide6 bruges under GNU Lesser General Public License version 3. De er selvstændige biblioteker i programmappen og kan udskiftes; deres kildekode findes på &lt;a href=&quot;https://download.qt.io/official_releases/&quot;&gt;download.qt.io&lt;/a&gt;. Hvert bibliotek beholder sin egen licens.</translation>
    </message>
</context>
<context>
    <name>AnalysisOptions</name>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>All waves</source>
        <translation>Alle bølger</translation>
    </message>
    <message>
        <source>%1% (%2% confidence)</source>
        <translation>%1 % (%2 % sikkerhed)</translation>
    </message>
    <message>
        <source>Weight each wave to the population counts set for the project.</source>
        <translation>Vægt hver bølge til de populationstal, der er sat for projektet.</translation>
    </message>
    <message>
        <source>No population counts are set for this project. Set them with: surveydesk-cli population set PROJECT FILE</source>
        <translation>Der er ikke sat populationstal for projektet. Sæt dem med: surveydesk-cli population set PROJEKT FIL</translation>
    </message>
    <message>
        <source>Choose a benchmark file</source>
        <translation>Vælg en benchmarkfil</translation>
    </message>
    <message>
        <source>Benchmark files (*.csv *.xlsx);;All files (*)</source>
        <translation>Benchmarkfiler (*.csv *.xlsx);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Could not use the benchmark file</source>
        <translation>Benchmarkfilen kunne ikke bruges</translation>
    </message>
    <message>
        <source>No benchmark file.</source>
        <translation>Ingen benchmarkfil.</translation>
    </message>
    <message>
        <source>%1 (%2 values)</source>
        <translation>%1 (%2 værdier)</translation>
    </message>
    <message>
        <source>&amp;Breakdown:</source>
        <translation>&amp;Opdeling:</translation>
    </message>
    <message>
        <source>and by:</source>
        <translation>og efter:</translation>
    </message>
    <message>
        <source>W&amp;ave:</source>
        <translation>B&amp;ølge:</translation>
    </message>
    <message>
        <source>Significance &amp;level:</source>
        <translation>Signifikans&amp;niveau:</translation>
    </message>
    <message>
        <source>&amp;Minimum base:</source>
        <translation>&amp;Mindste basis:</translation>
    </message>
    <message>
        <source>Mark significance against:</source>
        <translation>Markér signifikans mod:</translation>
    </message>
    <message>
        <source>the previous wave</source>
        <translation>forrige bølge</translation>
    </message>
    <message>
        <source>the rest of the wave</source>
        <translation>resten af bølgen</translation>
    </message>
    <message>
        <source>the benchmark</source>
        <translation>benchmark</translation>
    </message>
    <message>
        <source>&amp;Weighted</source>
        <translation>&amp;Vægtet</translation>
    </message>
    <message>
        <source>Benchmark:</source>
        <translation>Benchmark:</translation>
    </message>
    <message>
        <source>Cells with this many answers or fewer are shown grey: too few to compare.</source>
        <translation>Celler med så mange svar eller færre vises grå: for få til at sammenligne.</translation>
    </message>
    <message>
        <source>A difference is marked significant when its p-value is below this level.</source>
        <translation>En forskel markeres som signifikant, når dens p-værdi er under dette niveau.</translation>
    </message>
    <message>
        <source>Benchmark f&amp;ile…</source>
        <translation>Benchmark&amp;fil…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Save the chart</source>
        <translation>Gem diagrammet</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-billede (*.png);;SVG-tegning (*.svg)</translation>
    </message>
    <message>
        <source>Could not save the chart</source>
        <translation>Diagrammet kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultater</translation>
    </message>
    <message>
        <source>Response rates</source>
        <translation>Svarprocenter</translation>
    </message>
    <message>
        <source>&amp;Copy table</source>
        <translation>&amp;Kopiér tabel</translation>
    </message>
    <message>
        <source>Copy the whole table, ready to paste into Excel (Ctrl+C copies the selected cells).</source>
        <translation>Kopiér hele tabellen, klar til at indsætte i Excel (Ctrl+C kopierer de markerede celler).</translation>
    </message>
    <message>
        <source>&amp;Save chart…</source>
        <translation>&amp;Gem diagram…</translation>
    </message>
    <message>
        <source>Write Excel &amp;report…</source>
        <translation>Skriv Excel-&amp;rapport…</translation>
    </message>
    <message>
        <source>Write every table to an Excel workbook for the client, in Danish or English (Ctrl+R).</source>
        <translation>Skriv alle tabeller til en Excel-projektmappe til kunden, på dansk eller engelsk (Ctrl+R).</translation>
    </message>
    <message>
        <source>Computing the tables…</source>
        <translation>Beregner tabellerne…</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Intet projekt åbent</translation>
    </message>
    <message>
        <source>Choose a question or theme</source>
        <translation>Vælg et spørgsmål eller tema</translation>
    </message>
    <message>
        <source>weighted to the population counts</source>
        <translation>vægtet til populationstallene</translation>
    </message>
</context>
<context>
    <name>AnalysisTable</name>
    <message>
        <source>Mode of interview</source>
        <translation>Interviewform</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>I alt</translation>
    </message>
    <message>
        <source>Top 2 (two highest answers)</source>
        <translation>Top 2 (de to højeste svar)</translation>
    </message>
    <message>
        <source>Bottom 2 (two lowest answers)</source>
        <translation>Bund 2 (de to laveste svar)</translation>
    </message>
    <message>
        <source>Mean score</source>
        <translation>Gennemsnitlig score</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Gennemsnit</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Don&apos;t know (all)</source>
        <translation>Ved ikke (i alt)</translation>
    </message>
    <message>
        <source>Theme mean (mean of the statements)</source>
        <translation>Temagennemsnit (gennemsnit af udsagnene)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Number of answers in the base: %1</source>
        <translation>Antal svar i basen: %1</translation>
    </message>
    <message>
        <source>%1 (%2% interval %3 to %4)</source>
        <translation>%1 (%2 %-interval %3 til %4)</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <source>Weighted; effective n = %1</source>
        <translation>Vægtet; effektivt n = %1</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>mindst %1</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>højst %1</translation>
    </message>
    <message>
        <source>Target: %1, met %2</source>
        <translation>Måltal: %1, nået %2</translation>
    </message>
    <message>
        <source>Target: %1, missed %2</source>
        <translation>Måltal: %1, ikke nået %2</translation>
    </message>
    <message>
        <source>Against the previous wave (%1): p = %2</source>
        <translation>Mod forrige bølge (%1): p = %2</translation>
    </message>
    <message>
        <source>Against the rest of the wave: p = %2</source>
        <translation>Mod resten af bølgen: p = %2</translation>
    </message>
    <message>
        <source>Against the benchmark (%1): p = %2</source>
        <translation>Mod benchmark (%1): p = %2</translation>
    </message>
    <message>
        <source>(significant)</source>
        <translation>(signifikant)</translation>
    </message>
    <message>
        <source>Low base: n = %1 is at or below the minimum base of %2; read with care.</source>
        <translation>Lav basis: n = %1 er på eller under mindste basis på %2; læs med forsigtighed.</translation>
    </message>
    <message>
        <source>%1 %2 than the previous wave</source>
        <translation>%1 %2 end forrige bølge</translation>
    </message>
    <message>
        <source>%1 %2 than the rest of the wave</source>
        <translation>%1 %2 end resten af bølgen</translation>
    </message>
    <message>
        <source>%1 %2 than the benchmark</source>
        <translation>%1 %2 end benchmark</translation>
    </message>
    <message>
        <source>Significantly higher / lower: %1</source>
        <translation>Signifikant højere / lavere: %1</translation>
    </message>
    <message>
        <source>%1 %2 target met / missed</source>
        <translation>%1 %2 måltal nået / ikke nået</translation>
    </message>
    <message>
        <source>grey: n ≤ %1 (low base)</source>
        <translation>grå: n ≤ %1 (lav basis)</translation>
    </message>
</context>
<context>
    <name>AnswerField</name>
    <message>
        <source>A whole number</source>
        <translation>Et helt tal</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Et tal</translation>
    </message>
    <message>
        <source>DD-MM-YYYY</source>
        <translation>DD-MM-ÅÅÅÅ</translation>
    </message>
    <message>
        <source>A number from %1 to %2</source>
        <translation>Et tal fra %1 til %2</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>TT:MM</translation>
    </message>
    <message>
        <source>DD-MM-YYYY HH:MM</source>
        <translation>DD-MM-ÅÅÅÅ TT:MM</translation>
    </message>
    <message>
        <source>Type the answer</source>
        <translation>Skriv svaret</translation>
    </message>
    <message>
        <source>Type a whole number, for example 42.</source>
        <translation>Skriv et helt tal, for eksempel 42.</translation>
    </message>
    <message>
        <source>Type a number, for example 12.5 or 12,5.</source>
        <translation>Skriv et tal, for eksempel 12,5.</translation>
    </message>
    <message>
        <source>Type a number from %1 to %2 in steps of %3.</source>
        <translation>Skriv et tal fra %1 til %2 i trin på %3.</translation>
    </message>
    <message>
        <source>Type a time as HH:MM, for example 14:30.</source>
        <translation>Skriv et klokkeslæt som TT:MM, fx 14:30.</translation>
    </message>
    <message>
        <source>Type a date and time as DD-MM-YYYY HH:MM, for example 12-09-2024 14:30.</source>
        <translation>Skriv dato og klokkeslæt som DD-MM-ÅÅÅÅ TT:MM, fx 12-09-2024 14:30.</translation>
    </message>
    <message>
        <source>Type a date as DD-MM-YYYY, for example 12-09-2024.</source>
        <translation>Skriv en dato som DD-MM-ÅÅÅÅ, for eksempel 12-09-2024.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>SurveyDesk could not start</source>
        <translation>SurveyDesk kunne ikke starte</translation>
    </message>
</context>
<context>
    <name>CallListImport</name>
    <message>
        <source>Import call list</source>
        <translation>Indlæs ringeliste</translation>
    </message>
    <message>
        <source>Call lists (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>Ringelister (*.csv *.xlsx *.txt *.tsv);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Worth checking:</source>
        <translation>Værd at tjekke:</translation>
    </message>
    <message>
        <source>Numbers added to the call list from %1: %2.</source>
        <translation>Numre føjet til ringelisten fra %1: %2.</translation>
    </message>
    <message>
        <source>Already in the call list with the same data, so skipped: %1.</source>
        <translation>Stod allerede på ringelisten med de samme oplysninger og blev sprunget over: %1.</translation>
    </message>
    <message>
        <source>Could not import the call list</source>
        <translation>Ringelisten kunne ikke indlæses</translation>
    </message>
    <message>
        <source>… and %1 more (see the details)</source>
        <translation>… og %1 til (se detaljerne)</translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message>
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Intet svar</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Optaget</translation>
    </message>
    <message>
        <source>Call back at…</source>
        <translation>Ring tilbage…</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Nægter</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Forkert nummer</translation>
    </message>
    <message>
        <source>Language problem</source>
        <translation>Sprogproblem</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numre</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åbne</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Aftaler</translation>
    </message>
    <message>
        <source>Interviewed</source>
        <translation>Interviewet</translation>
    </message>
    <message>
        <source>No more attempts</source>
        <translation>Ikke flere forsøg</translation>
    </message>
    <message>
        <source>Calls made</source>
        <translation>Opkald foretaget</translation>
    </message>
    <message>
        <source>Response rate</source>
        <translation>Svarprocent</translation>
    </message>
    <message>
        <source>%1: call back %2.</source>
        <extracomment>The interviewer chose &quot;Interview&quot;: ``(call id, preload {question: stored text})``. Asked with the outcome before it is recorded; ``False`` refuses it (the screen around the panel says why, e.g. that the interviewer&apos;s name is missing).</extracomment>
        <translation>%1: ring tilbage %2.</translation>
    </message>
    <message>
        <source>%1: %2. That was the last attempt for this number.</source>
        <translation>%1: %2. Det var sidste forsøg på dette nummer.</translation>
    </message>
    <message>
        <source>%1: %2 recorded.</source>
        <translation>%1: %2 registreret.</translation>
    </message>
    <message>
        <source>Number encrypted</source>
        <translation>Nummeret er krypteret</translation>
    </message>
    <message>
        <source>Enter the pass phrase of the contact data to see and dial the number.</source>
        <translation>Indtast adgangsfrasen til kontaktoplysningerne for at se og ringe op til nummeret.</translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation>(intet navn oplyst)</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Reference %1</translation>
    </message>
    <message>
        <source>attempt %1 of %2</source>
        <translation>forsøg %1 af %2</translation>
    </message>
    <message>
        <source>last tried %1</source>
        <translation>sidst forsøgt %1</translation>
    </message>
    <message>
        <source>Appointment: call back %1</source>
        <translation>Aftale: ring tilbage %1</translation>
    </message>
    <message>
        <source>The call list is empty. Import a call list to start phoning.</source>
        <translation>Ringelisten er tom. Indlæs en ringeliste for at begynde at ringe.</translation>
    </message>
    <message>
        <source>%1 open calls have no phone number on this computer (the contact data was removed, or not carried in a device file) and cannot be called.</source>
        <translation>%1 åbne opkald har intet telefonnummer på denne computer (kontaktoplysningerne er fjernet eller kom ikke med i en enhedsfil) og kan ikke ringes op.</translation>
    </message>
    <message>
        <source>No number to call right now. The next appointment is %1.</source>
        <translation>Der er ikke noget nummer at ringe til lige nu. Næste aftale er %1.</translation>
    </message>
    <message>
        <source>No number to call right now.</source>
        <translation>Intet nummer at ringe til lige nu.</translation>
    </message>
    <message>
        <source>No number to call right now: every number has been called as often as the project allows.</source>
        <translation>Der er ikke noget nummer at ringe til lige nu: alle numre er forsøgt så mange gange, som projektet tillader.</translation>
    </message>
    <message>
        <source>(number encrypted)</source>
        <translation>(nummeret er krypteret)</translation>
    </message>
    <message>
        <source>(no phone number: cannot be called)</source>
        <translation>(intet telefonnummer: kan ikke ringes op)</translation>
    </message>
    <message>
        <source>The time has come: this appointment is called first.</source>
        <translation>Tidspunktet er nået: denne aftale ringes op først.</translation>
    </message>
    <message>
        <source>Next number</source>
        <translation>Næste nummer</translation>
    </message>
    <message>
        <source>Known before the call</source>
        <translation>Kendt før opkaldet</translation>
    </message>
    <message>
        <source>Today&apos;s appointments</source>
        <translation>Dagens aftaler</translation>
    </message>
    <message>
        <source>No appointments for the rest of today.</source>
        <translation>Ingen aftaler resten af dagen.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Bemærkning:</translation>
    </message>
    <message>
        <source>Optional, e.g. ask for the daughter</source>
        <translation>Valgfrit, fx spørg efter datteren</translation>
    </message>
    <message>
        <source>When to call back</source>
        <translation>Hvornår der skal ringes tilbage</translation>
    </message>
    <message>
        <source>Enter &amp;pass phrase…</source>
        <translation>Indtast &amp;adgangsfrase…</translation>
    </message>
    <message>
        <source>%1 (key %2)</source>
        <translation>%1 (tast %2)</translation>
    </message>
</context>
<context>
    <name>ChartPicker</name>
    <message>
        <source>Charts in the report</source>
        <translation>Figurer i rapporten</translation>
    </message>
    <message>
        <source>The charts sheet shows a chart of every question checked here. Questions with a target are always charted.</source>
        <translation>Arket med figurer viser en figur for hvert spørgsmål, der er markeret her. Spørgsmål med et mål kommer altid med som figur.</translation>
    </message>
    <message>
        <source>Search the questions</source>
        <translation>Søg i spørgsmålene</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Ryd</translation>
    </message>
    <message>
        <source>has a target: always charted</source>
        <translation>har et mål: altid med som figur</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
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
        <source>There is no chart for this selection.</source>
        <translation>Der er ingen figur for dette valg.</translation>
    </message>
    <message>
        <source>%1 compared with %2</source>
        <translation>%1 sammenlignet med %2</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>fordelt på %1</translation>
    </message>
    <message>
        <source>Don&apos;t know</source>
        <translation>Ved ikke</translation>
    </message>
    <message>
        <source>Share of answers</source>
        <translation>Andel af besvarelser</translation>
    </message>
    <message>
        <source>Positive (top 2)</source>
        <translation>Andel positive (top 2)</translation>
    </message>
    <message>
        <source>Mean score (%1–%2)</source>
        <translation>Gennemsnitlig score (%1–%2)</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Gennemsnit</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Mål %1</translation>
    </message>
    <message>
        <source>Theme mean</source>
        <translation>Temagennemsnit</translation>
    </message>
    <message>
        <source>Answers (n): %1</source>
        <translation>Besvarelser (n): %1</translation>
    </message>
    <message>
        <source>Confidence interval: %1 to %2</source>
        <translation>Konfidensinterval: %1 til %2</translation>
    </message>
    <message>
        <source>In %1: %2</source>
        <translation>I %1: %2</translation>
    </message>
    <message>
        <source>Positive (top 2), %1</source>
        <translation>Andel positive (top 2), %1</translation>
    </message>
    <message>
        <source>significant change</source>
        <translation>signifikant ændring</translation>
    </message>
    <message>
        <source>no significant change</source>
        <translation>ingen signifikant ændring</translation>
    </message>
    <message>
        <source>p-value: %1 (%2)</source>
        <translation>p-værdi: %1 (%2)</translation>
    </message>
    <message>
        <source>Benchmark: %1</source>
        <translation>Benchmark: %1</translation>
    </message>
    <message>
        <source>met</source>
        <translation>nået</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>ikke nået</translation>
    </message>
    <message>
        <source>Few answers: compare with caution.</source>
        <translation>Få besvarelser: sammenlign med forbehold.</translation>
    </message>
    <message>
        <source>significantly higher / lower than %1</source>
        <translation>signifikant højere / lavere end %1</translation>
    </message>
    <message>
        <source>significantly higher / lower than the previous wave</source>
        <translation>signifikant højere / lavere end forrige bølge</translation>
    </message>
    <message>
        <source>light: few answers, compare with caution</source>
        <translation>lys: få besvarelser, sammenlign med forbehold</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>benchmark</translation>
    </message>
</context>
<context>
    <name>ConflictComparison</name>
    <message>
        <source>Version %1 (in the data now)</source>
        <translation>Version %1 (i data nu)</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>This project (before the merge)</source>
        <translation>Dette projekt (før fletningen)</translation>
    </message>
    <message>
        <source>%1 (device %2)</source>
        <translation>%1 (enhed %2)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Kom fra</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhed</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>Sidst ændret</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>The interview</source>
        <translation>Interviewet</translation>
    </message>
    <message>
        <source>Resolved %1 by %2: version %3 was kept.</source>
        <translation>Løst %1 af %2: version %3 blev beholdt.</translation>
    </message>
    <message>
        <source>Resolved %1 (%2): %3</source>
        <translation>Løst %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Could not read the conflicts</source>
        <translation>Konflikterne kunne ikke læses</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åben</translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation>Løst %1</translation>
    </message>
    <message>
        <source>Open conflicts: %1</source>
        <translation>Åbne konflikter: %1</translation>
    </message>
    <message>
        <source>Choose a conflict above to compare its versions.</source>
        <translation>Vælg en konflikt ovenfor for at sammenligne dens versioner.</translation>
    </message>
    <message>
        <source>No interview has a merge conflict. When two laptops change the same interview independently, it is listed here after the merge, to choose the version to keep.</source>
        <translation>Ingen interview har en fletkonflikt. Når to bærbare ændrer det samme interview hver for sig, vises det her efter fletningen, så du kan vælge, hvilken version der skal beholdes.</translation>
    </message>
    <message>
        <source>Interview %1</source>
        <translation>Interview %1</translation>
    </message>
    <message>
        <source>This interview was changed on two devices independently. Compare the versions (differences are highlighted) and keep one; what was changed in the others stays in the history.</source>
        <translation>Dette interview blev ændret på to enheder hver for sig. Sammenlign versionerne (forskellene er fremhævet), og behold én; det, der blev ændret i de andre, bliver i historikken.</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>Behold denne version</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Keep this version?</source>
        <translation>Behold denne version?</translation>
    </message>
    <message>
        <source>Keep version %1 of interview %2?</source>
        <translation>Behold version %1 af interview %2?</translation>
    </message>
    <message>
        <source>Its answers become the interview&apos;s answers in the data. The other versions are set aside; what was changed in them stays in the interview&apos;s history, with your name as the one who chose.</source>
        <translation>Dens svar bliver interviewets svar i data. De andre versioner lægges til side; det, der blev ændret i dem, bliver i interviewets historik, med dit navn som den, der valgte.</translation>
    </message>
    <message>
        <source>Keep version %1</source>
        <translation>Behold version %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Could not keep the version</source>
        <translation>Versionen kunne ikke beholdes</translation>
    </message>
    <message>
        <source>Show &amp;resolved conflicts</source>
        <translation>Vis &amp;løste konflikter</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Interview</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versioner</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Fundet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <source>History (✓: the entry belongs to that version)</source>
        <translation>Historik (✓: posten hører til den version)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ændring</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
</context>
<context>
    <name>ContactData</name>
    <message>
        <source>Remove contact data</source>
        <translation>Fjern kontaktoplysninger</translation>
    </message>
    <message>
        <source>The call list holds no phone numbers or names.</source>
        <translation>Ringelisten indeholder ingen telefonnumre eller navne.</translation>
    </message>
    <message>
        <source>Remove %1 phone numbers and %2 names from the call list (%3 calls)?</source>
        <translation>Fjern %1 telefonnumre og %2 navne fra ringelisten (%3 opkald)?</translation>
    </message>
    <message>
        <source>Interviews, call outcomes and the times of the calls stay, so response rates are kept. The removal is recorded in the audit log and cannot be undone.</source>
        <translation>Interview, opkaldsresultater og tidspunkterne for opkaldene bliver, så svarprocenterne bevares. Sletningen skrives i revisionssporet og kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>%1 calls are still open or have an appointment; they cannot be called afterwards.</source>
        <translation>%1 opkald er stadig åbne eller har en aftale; de kan ikke ringes op bagefter.</translation>
    </message>
    <message>
        <source>Removed %1 phone numbers and %2 names from the call list. The removal is recorded in the audit log.</source>
        <translation>%1 telefonnumre og %2 navne er fjernet fra ringelisten. Sletningen er skrevet i revisionssporet.</translation>
    </message>
    <message>
        <source>Could not remove the contact data</source>
        <translation>Kontaktoplysningerne kunne ikke fjernes</translation>
    </message>
</context>
<context>
    <name>ContactEncryption</name>
    <message>
        <source>The two pass phrases differ; type it again.</source>
        <translation>De to adgangsfraser er forskellige; skriv den igen.</translation>
    </message>
    <message>
        <source>Decrypted %1 values (phone numbers and names); they are stored in plain text again.</source>
        <translation>Dekrypterede %1 værdier (telefonnumre og navne); de gemmes i klartekst igen.</translation>
    </message>
    <message>
        <source>Encrypted %1 values (phone numbers and names). Keep the pass phrase safe: without it nobody can read them again.</source>
        <translation>Krypterede %1 værdier (telefonnumre og navne). Pas godt på adgangsfrasen: uden den kan ingen læse dem igen.</translation>
    </message>
    <message>
        <source>Wrong pass phrase; nothing was changed.</source>
        <translation>Forkert adgangsfrase; intet blev ændret.</translation>
    </message>
    <message>
        <source>Decrypt phone numbers and names</source>
        <translation>Dekryptér telefonnumre og navne</translation>
    </message>
    <message>
        <source>The call list&apos;s phone numbers and names are encrypted. Give the pass phrase to store them in plain text again.</source>
        <translation>Ringelistens telefonnumre og navne er krypteret. Indtast adgangsfrasen for at gemme dem i klartekst igen.</translation>
    </message>
    <message>
        <source>Encrypt phone numbers and names</source>
        <translation>Kryptér telefonnumre og navne</translation>
    </message>
    <message>
        <source>The call list&apos;s phone numbers and names are stored encrypted (AES-256-GCM) with a key from this pass phrase; interviews and answers are not. Phoning asks for the pass phrase once per session.

Choose at least %1 characters, e.g. a few words. If the pass phrase is lost, nobody can read the numbers again.</source>
        <translation>Ringelistens telefonnumre og navne gemmes krypteret (AES-256-GCM) med en nøgle fra denne adgangsfrase; interview og svar krypteres ikke. Når der ringes op, spørges der om adgangsfrasen én gang, mens SurveyDesk er åben.

Vælg mindst %1 tegn, fx et par ord. Mistes adgangsfrasen, kan ingen læse numrene igen.</translation>
    </message>
    <message>
        <source>&amp;Pass phrase:</source>
        <translation>&amp;Adgangsfrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Gentag den:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>&amp;Decrypt</source>
        <translation>&amp;Dekryptér</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>&amp;Kryptér</translation>
    </message>
</context>
<context>
    <name>DeviceExport</name>
    <message>
        <source>Export device file</source>
        <translation>Eksportér enhedsfil</translation>
    </message>
    <message>
        <source>Device files (*%1)</source>
        <translation>Enhedsfiler (*%1)</translation>
    </message>
    <message>
        <source>Phone numbers and names stay on this computer.</source>
        <translation>Telefonnumre og navne bliver på denne computer.</translation>
    </message>
    <message>
        <source>The device file carries the interviews and the progress of the call list (references, outcomes, appointments), but no phone numbers or names. The master project keeps its own.</source>
        <translation>Enhedsfilen indeholder interviewene og ringelistens fremdrift (referencer, udfald, aftaler), men ingen telefonnumre eller navne. Masterprojektet beholder sine egne.</translation>
    </message>
    <message>
        <source>Include phone numbers and names (personal data)</source>
        <translation>Medtag telefonnumre og navne (personoplysninger)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Vælg fil…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Skriver %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Taking a consistent copy of the project…</source>
        <translation>Tager en sammenhængende kopi af projektet…</translation>
    </message>
    <message>
        <source>Counting what the copy holds…</source>
        <translation>Tæller, hvad kopien indeholder…</translation>
    </message>
    <message>
        <source>Compressing into %1…</source>
        <translation>Pakker i %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullerer…</translation>
    </message>
    <message>
        <source>The export was cancelled; no device file was written.</source>
        <translation>Eksporten blev annulleret; der blev ikke skrevet nogen enhedsfil.</translation>
    </message>
    <message>
        <source>Could not export the device file</source>
        <translation>Enhedsfilen kunne ikke eksporteres</translation>
    </message>
    <message>
        <source>Device file exported</source>
        <translation>Enhedsfilen er eksporteret</translation>
    </message>
    <message>
        <source>The device file was saved as %1.</source>
        <translation>Enhedsfilen blev gemt som %1.</translation>
    </message>
    <message>
        <source>Interviews: %1 (complete %2, partial %3, aborted %4; deleted %5)</source>
        <translation>Interview: %1 (gennemført %2, delvis %3, afbrudt %4; slettet %5)</translation>
    </message>
    <message>
        <source>History entries: %1</source>
        <translation>Poster i historikken: %1</translation>
    </message>
    <message>
        <source>Calls: %1, call attempts: %2</source>
        <translation>Numre: %1, opkaldsforsøg: %2</translation>
    </message>
    <message>
        <source>Take the file to the computer with the master project and merge it there (Sync ▸ Merge device files).</source>
        <translation>Tag filen med til computeren med hovedprojektet, og flet den ind der (Synkronisering ▸ Flet enhedsfiler).</translation>
    </message>
    <message>
        <source>Warning: this file contains the call list&apos;s phone numbers and names (personal data). Carry it only on an encrypted stick or drive, and delete it once it is merged.</source>
        <translation>Advarsel: denne fil indeholder ringelistens telefonnumre og navne (personoplysninger). Bær den kun på et krypteret USB-stik eller drev, og slet den, når den er flettet.</translation>
    </message>
</context>
<context>
    <name>Drops</name>
    <message>
        <source>Questionnaire dropped</source>
        <translation>Spørgeskema sluppet</translation>
    </message>
    <message>
        <source>“%1” is a questionnaire (XLSForm). What should SurveyDesk do with it?</source>
        <translation>“%1” er et spørgeskema (XLSForm). Hvad skal SurveyDesk gøre med det?</translation>
    </message>
    <message>
        <source>Create a &amp;new project from it…</source>
        <translation>Opret en &amp;ny undersøgelse ud fra det…</translation>
    </message>
    <message>
        <source>Add as a new &amp;version of %1</source>
        <translation>Tilføj som ny &amp;version af %1</translation>
    </message>
    <message>
        <source>A new version is what interviews and imports are checked against from now on; answers already stored stay as they are and must still fit it.</source>
        <translation>Fremover kontrolleres interview og indlæsninger mod den nye version; svar, der allerede er gemt, forbliver som de er og skal stadig passe til den.</translation>
    </message>
    <message>
        <source>Cannot use the dropped file</source>
        <translation>Den slupne fil kan ikke bruges</translation>
    </message>
    <message>
        <source>SurveyDesk cannot use %1. Drop a project (.sdproj), a questionnaire (XLSForm .xlsx), respondent data (.csv, .xlsx, .sav) or a device file (.sddevice).</source>
        <translation>SurveyDesk kan ikke bruge %1. Slip et projekt (.sdproj), et spørgeskema (XLSForm .xlsx), svardata (.csv, .xlsx, .sav) eller en enhedsfil (.sddevice).</translation>
    </message>
    <message>
        <source>No project is open</source>
        <translation>Intet projekt er åbent</translation>
    </message>
    <message>
        <source>Open the master project first, then drop “%1” on it to merge it.</source>
        <translation>Åbn først masterprojektet, og slip så “%1” på det for at flette den.</translation>
    </message>
    <message>
        <source>A merge is running</source>
        <translation>En fletning er i gang</translation>
    </message>
    <message>
        <source>Wait until the merge has finished, then drop the device files again.</source>
        <translation>Vent, til fletningen er færdig, og slip så enhedsfilerne igen.</translation>
    </message>
    <message>
        <source>Open the project to import “%1” into first, then drop the file again.</source>
        <translation>Åbn først det projekt, “%1” skal indlæses i, og slip så filen igen.</translation>
    </message>
    <message>
        <source>Could not add the questionnaire version</source>
        <translation>Spørgeskemaversionen kunne ikke tilføjes</translation>
    </message>
    <message>
        <source>An interview is open in interview entry. Finish or leave it first, then drop the questionnaire again.</source>
        <translation>Et interview er åbent i interviewindtastningen. Afslut eller forlad det først, og slip så spørgeskemaet igen.</translation>
    </message>
    <message>
        <source>Checking every stored answer against the new questionnaire…</source>
        <translation>Kontrollerer hvert gemt svar mod det nye spørgeskema…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Questionnaire version</source>
        <translation>Spørgeskemaversion</translation>
    </message>
    <message>
        <source>This questionnaire is already in %1; nothing changed.</source>
        <translation>Dette spørgeskema findes allerede i %1; intet er ændret.</translation>
    </message>
    <message>
        <source>Questionnaire version added</source>
        <translation>Spørgeskemaversion tilføjet</translation>
    </message>
    <message>
        <source>Added questionnaire version %1 to %2 (%3 versions stored). New interviews and imports are checked against it.</source>
        <translation>Spørgeskemaversion %1 er tilføjet til %2 (%3 versioner gemt). Nye interview og indlæsninger kontrolleres mod den.</translation>
    </message>
    <message>
        <source>Adding the questionnaire version was cancelled; nothing was stored.</source>
        <translation>Tilføjelsen af spørgeskemaversionen blev annulleret; intet blev gemt.</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>The interview is complete and saved.</source>
        <translation>Interviewet er afsluttet og gemt.</translation>
    </message>
    <message>
        <source>The interview was aborted; its answers are saved.</source>
        <translation>Interviewet blev afbrudt; svarene er gemt.</translation>
    </message>
    <message>
        <source>Could not save to the project</source>
        <translation>Kunne ikke gemme i projektet</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>SPSS files (*.sav)</source>
        <translation>SPSS-filer (*.sav)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Eksportér data</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Erstat filen?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with the new export?</source>
        <translation>%1 findes allerede. Skal den erstattes med den nye eksport?</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Skriver %1…</translation>
    </message>
    <message>
        <source>Wrote %1 interviews × %2 columns (waves: %3) to %4.</source>
        <translation>Skrev %1 interview × %2 kolonner (bølger: %3) til %4.</translation>
    </message>
    <message>
        <source>Wrote the audit log (%1 entries) to %2.</source>
        <translation>Skrev revisionssporet (%1 poster) til %2.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>CSV (Excel, R, Python)</source>
        <translation>CSV (Excel, R, Python)</translation>
    </message>
    <message>
        <source>SPSS (.sav) with value labels</source>
        <translation>SPSS (.sav) med værdietiketter</translation>
    </message>
    <message>
        <source>All waves</source>
        <translation>Alle bølger</translation>
    </message>
    <message>
        <source>Comma (English Excel)</source>
        <translation>Komma (engelsk Excel)</translation>
    </message>
    <message>
        <source>Semicolon, decimal comma (Danish Excel)</source>
        <translation>Semikolon, decimalkomma (dansk Excel)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Wave:</source>
        <translation>&amp;Bølge:</translation>
    </message>
    <message>
        <source>&amp;Labels in:</source>
        <translation>&amp;Tekster på:</translation>
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation>&amp;Skilletegn:</translation>
    </message>
    <message>
        <source>Answers:</source>
        <translation>Svar:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>As labels instead of codes (the file cannot be imported back)</source>
        <translation>Som tekster i stedet for koder (filen kan ikke importeres igen)</translation>
    </message>
    <message>
        <source>Also write the audit log (&lt;name&gt;_audit.csv)</source>
        <translation>Skriv også revisionssporet (&lt;navn&gt;_audit.csv)</translation>
    </message>
    <message>
        <source>Phone numbers and names are never exported: they stay in the call list. The audit log lists every change to an answer, who made it and why.</source>
        <translation>Telefonnumre og navne eksporteres aldrig: de bliver i ringelisten. Revisionssporet viser hver ændring af et svar, hvem der lavede den og hvorfor.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Eksportér</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Look at the questionnaire</source>
        <translation>Se spørgeskemaet</translation>
    </message>
    <message>
        <source>The project overview names the questionnaire, its languages and version, and counts the interviews of every wave by mode and status.</source>
        <translation>Projektoversigten viser spørgeskemaet, dets sprog og version og tæller interviewene i hver bølge efter metode og status.</translation>
    </message>
    <message>
        <source>Show the overview</source>
        <translation>Vis oversigten</translation>
    </message>
    <message>
        <source>Run an interview</source>
        <translation>Gennemfør et interview</translation>
    </message>
    <message>
        <source>Interview entry: fill in who interviews, how and in which wave, then start a new interview. Number keys choose an answer, Enter goes on.</source>
        <translation>Interviewindtastning: udfyld hvem der interviewer, hvordan og i hvilken bølge, og start så et nyt interview. Taltasterne vælger et svar, Enter går videre.</translation>
    </message>
    <message>
        <source>Start interviewing</source>
        <translation>Begynd at interviewe</translation>
    </message>
    <message>
        <source>Look at the results</source>
        <translation>Se resultaterne</translation>
    </message>
    <message>
        <source>Analysis: choose a question on the left to see its table and chart, compared with the previous wave or broken down by a background question.</source>
        <translation>Analyse: vælg et spørgsmål til venstre for at se dets tabel og diagram, sammenlignet med forrige bølge eller opdelt efter et baggrundsspørgsmål.</translation>
    </message>
    <message>
        <source>Show the results</source>
        <translation>Vis resultaterne</translation>
    </message>
    <message>
        <source>Write the report</source>
        <translation>Skriv rapporten</translation>
    </message>
    <message>
        <source>The client&apos;s Excel report, in Danish or English, with the breakdowns and weighting chosen in Analysis.</source>
        <translation>Kundens Excel-rapport på dansk eller engelsk, med de opdelinger og den vægtning, der er valgt i Analyse.</translation>
    </message>
    <message>
        <source>Write the report…</source>
        <translation>Skriv rapporten…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Kom godt i gang</translation>
    </message>
    <message>
        <source>Welcome to SurveyDesk. The four steps below show what it does, with the open project. The first time, that is a demo: a citizen survey with answers from two waves.</source>
        <translation>Velkommen til SurveyDesk. De fire trin herunder viser, hvad programmet kan, med det åbne projekt. Første gang er det en demo: en borgerundersøgelse med svar fra to bølger.</translation>
    </message>
    <message>
        <source>Don&apos;t show this again</source>
        <translation>Vis ikke igen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
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
        <source>%1 was already imported into wave %2 on %3; nothing was added.</source>
        <translation>%1 blev allerede indlæst i bølge %2 den %3; intet er tilføjet.</translation>
    </message>
    <message>
        <source>Imported %1 interviews from %2 into wave %3.</source>
        <translation>%1 interview indlæst fra %2 i bølge %3.</translation>
    </message>
    <message>
        <source>%1 respondents were already in the wave with the same answers and were skipped.</source>
        <translation>%1 respondenter var allerede i bølgen med de samme svar og blev sprunget over.</translation>
    </message>
    <message>
        <source>Give the wave a label, e.g. 2024.</source>
        <translation>Giv bølgen et navn, fx 2024.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Læser %1…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopper…</translation>
    </message>
    <message>
        <source>Checking every cell and saving…</source>
        <translation>Kontrollerer hver celle og gemmer…</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Indlæsningen blev annulleret; intet er indlæst.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Indlæs data</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fil:</translation>
    </message>
    <message>
        <source>&amp;Wave:</source>
        <translation>&amp;Bølge:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Metode:</translation>
    </message>
    <message>
        <source>An existing wave, or type a new label</source>
        <translation>En eksisterende bølge, eller skriv et nyt navn</translation>
    </message>
    <message>
        <source>The header names the questions; optional columns respondent_id, mode and status. Every cell is checked first: one problem and nothing is imported. Importing the same file again adds nothing.</source>
        <translation>Overskriftsrækken navngiver spørgsmålene; kolonnerne respondent_id, mode og status er valgfrie. Hver celle kontrolleres først: ét problem, og intet indlæses. Indlæses den samme fil igen, tilføjes intet.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Indlæs</translation>
    </message>
    <message>
        <source>Data files (*.csv *.xlsx *.sav *.tsv *.txt);;All files (*)</source>
        <translation>Datafiler (*.csv *.xlsx *.sav *.tsv *.txt);;Alle filer (*)</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <source>There is no option %1.</source>
        <translation>Der er ingen svarmulighed %1.</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Tilbage</translation>
    </message>
    <message>
        <source>Abort  ·  Esc</source>
        <translation>Afbryd  ·  Esc</translation>
    </message>
    <message>
        <source>Continue  ·  Enter</source>
        <translation>Fortsæt  ·  Enter</translation>
    </message>
    <message>
        <source>Next  ·  Enter</source>
        <translation>Næste  ·  Enter</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Spørgsmål %1 af %2</translation>
    </message>
    <message>
        <source>Question language: %1  ·  F2</source>
        <translation>Spørgsmålssprog: %1  ·  F2</translation>
    </message>
    <message>
        <source>Number: choose</source>
        <translation>Tal: vælg</translation>
    </message>
    <message>
        <source>Number/Space: select/deselect</source>
        <translation>Tal/mellemrum: vælg/fravælg</translation>
    </message>
    <message>
        <source>0: don&apos;t know</source>
        <translation>0: ved ikke</translation>
    </message>
    <message>
        <source>Backspace: back</source>
        <translation>Backspace: tilbage</translation>
    </message>
    <message>
        <source>Alt+←: back</source>
        <translation>Alt+←: tilbage</translation>
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
        <source>The project file “%1” is in a folder that %2 keeps in sync with the cloud.</source>
        <translation>Projektfilen »%1« ligger i en mappe, som %2 synkroniserer med skyen.</translation>
    </message>
    <message>
        <source>The project file “%1” is on the network share %2.</source>
        <translation>Projektfilen »%1« ligger i den delte netværksmappe %2.</translation>
    </message>
    <message>
        <source>The project file “%1” is on a network drive (%2).</source>
        <translation>Projektfilen »%1« ligger på et netværksdrev (%2).</translation>
    </message>
    <message>
        <source>Project in a network or cloud folder</source>
        <translation>Projekt i en netværks- eller skymappe</translation>
    </message>
    <message>
        <source>Working on a project file there can damage it: the network or the sync program can copy the file while SurveyDesk is halfway through saving, and answers can be lost.</source>
        <translation>Hvis du arbejder i en projektfil dér, kan den blive beskadiget: netværket eller synkroniseringsprogrammet kan kopiere filen, mens SurveyDesk er midt i at gemme, og svar kan gå tabt.</translation>
    </message>
    <message>
        <source>Save the new project in a local folder that is not synchronised (for example Documents, unless OneDrive backs it up). To share interviews with colleagues, exchange device files (File ▸ Export device file) instead.</source>
        <translation>Gem det nye projekt i en lokal mappe, som ikke synkroniseres (for eksempel Dokumenter, medmindre OneDrive sikkerhedskopierer den). Vil du dele interview med kolleger, så udveksl i stedet enhedsfiler (Fil ▸ Eksportér enhedsfil).</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Opret alligevel</translation>
    </message>
    <message>
        <source>Copy the file to a local folder that is not synchronised (for example Documents, unless OneDrive backs it up) and open it from there. To share interviews with colleagues, exchange device files (File ▸ Export device file) instead.</source>
        <translation>Kopiér filen til en lokal mappe, som ikke synkroniseres (for eksempel Dokumenter, medmindre OneDrive sikkerhedskopierer den), og åbn den derfra. Vil du dele interview med kolleger, så udveksl i stedet enhedsfiler (Fil ▸ Eksportér enhedsfil).</translation>
    </message>
    <message>
        <source>Open anyway</source>
        <translation>Åbn alligevel</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
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
        <source>&amp;Import data…</source>
        <translation>&amp;Indlæs data…</translation>
    </message>
    <message>
        <source>Export da&amp;ta (CSV, SPSS)…</source>
        <translation>Eksportér da&amp;ta (CSV, SPSS)…</translation>
    </message>
    <message>
        <source>Import &amp;call list…</source>
        <translation>Indlæs &amp;ringeliste…</translation>
    </message>
    <message>
        <source>E&amp;xport device file…</source>
        <translation>&amp;Eksportér enhedsfil…</translation>
    </message>
    <message>
        <source>Remove contact &amp;data…</source>
        <translation>Fjern &amp;kontaktoplysninger…</translation>
    </message>
    <message>
        <source>Encrypt or decrypt &amp;phone numbers…</source>
        <translation>Kryptér eller dekryptér &amp;telefonnumre…</translation>
    </message>
    <message>
        <source>Write Excel &amp;report…</source>
        <translation>S&amp;kriv Excel-rapport…</translation>
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
        <source>Project &amp;overview</source>
        <translation>Projekt&amp;oversigt</translation>
    </message>
    <message>
        <source>&amp;Interview entry</source>
        <translation>&amp;Interviewindtastning</translation>
    </message>
    <message>
        <source>Interview &amp;records</source>
        <translation>&amp;Registrerede interview</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>S&amp;ynkronisering</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Tilstand</translation>
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
        <source>&amp;Getting started</source>
        <translation>&amp;Kom godt i gang</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastaturgenveje</translation>
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
        <source>XLSForm workbooks (*.xlsx *.xls)</source>
        <translation>XLSForm-projektmapper (*.xlsx *.xls)</translation>
    </message>
    <message>
        <source>Save the new project as</source>
        <translation>Gem den nye undersøgelse som</translation>
    </message>
    <message>
        <source>SurveyDesk projects (*.sdproj)</source>
        <translation>SurveyDesk-projekter (*.sdproj)</translation>
    </message>
</context>
<context>
    <name>MergePanel</name>
    <message>
        <source>Add device files</source>
        <translation>Tilføj enhedsfiler</translation>
    </message>
    <message>
        <source>Device files (*%1);;All files (*)</source>
        <translation>Enhedsfiler (*%1);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullerer…</translation>
    </message>
    <message>
        <source>Preview ready.</source>
        <translation>Forhåndsvisningen er klar.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Annulleret: intet blev ændret.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Intet blev ændret.</translation>
    </message>
    <message>
        <source>Could not merge the device files</source>
        <translation>Enhedsfilerne kunne ikke flettes</translation>
    </message>
    <message>
        <source>Could not preview the merge</source>
        <translation>Fletningen kunne ikke forhåndsvises</translation>
    </message>
    <message>
        <source>Bring in the interviews entered on the laptops: each laptop exports a device file (File ▸ Export device file…). Add the files here, preview what they bring, then merge them into this project. A backup of the project is made before anything is written; a damaged file or a cancel leaves the project unchanged.</source>
        <translation>Hent de interview, der er indtastet på de bærbare: hver bærbar eksporterer en enhedsfil (Fil ▸ Eksportér enhedsfil…). Tilføj filerne her, se på forhånd hvad de bringer, og flet dem så ind i dette projekt. Der tages en sikkerhedskopi af projektet, før noget skrives; en beskadiget fil eller en annullering efterlader projektet uændret.</translation>
    </message>
    <message>
        <source>Device files</source>
        <translation>Enhedsfiler</translation>
    </message>
    <message>
        <source>You can also drag device files here from a folder or a USB stick.</source>
        <translation>Du kan også trække enhedsfiler hertil fra en mappe eller et USB-stik.</translation>
    </message>
    <message>
        <source>&amp;Add device files…</source>
        <translation>&amp;Tilføj enhedsfiler…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Fje&amp;rn</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>F&amp;orhåndsvis</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>F&amp;let</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Review &amp;conflicts</source>
        <translation>Gennemgå &amp;konflikter</translation>
    </message>
</context>
<context>
    <name>MergeReport</name>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Enhed</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Eksporteret</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Tilføjet</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Opdateret</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Uændret</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
    <message>
        <source>Calls added</source>
        <translation>Numre tilføjet</translation>
    </message>
    <message>
        <source>Calls updated</source>
        <translation>Numre opdateret</translation>
    </message>
    <message>
        <source>Call attempts added</source>
        <translation>Opkaldsforsøg tilføjet</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Alle filer</translation>
    </message>
    <message>
        <source>Nothing new: %1 already holds everything in these files.</source>
        <translation>Intet nyt: %1 indeholder allerede alt i disse filer.</translation>
    </message>
    <message>
        <source>Nothing new: %1 already holds everything in this file.</source>
        <translation>Intet nyt: %1 indeholder allerede alt i denne fil.</translation>
    </message>
    <message>
        <source>Merged into %1.</source>
        <translation>Flettet ind i %1.</translation>
    </message>
    <message>
        <source>Preview: this is what merging would do. Nothing has been written to %1 yet.</source>
        <translation>Forhåndsvisning: dette ville fletningen gøre. Der er endnu ikke skrevet noget i %1.</translation>
    </message>
    <message>
        <source>Questionnaire versions from %1: %2.</source>
        <translation>Spørgeskemaversioner fra %1: %2.</translation>
    </message>
    <message>
        <source>Interviews with a merge conflict to review: %1 (see the Conflicts tab).</source>
        <translation>Interview med en fletkonflikt, der skal gennemgås: %1 (se fanen Konflikter).</translation>
    </message>
    <message>
        <source>Interviews that would have a merge conflict to review: %1.</source>
        <translation>Interview, der ville få en fletkonflikt, som skal gennemgås: %1.</translation>
    </message>
    <message>
        <source>A backup of the project was made before merging: %1</source>
        <translation>Der blev taget en sikkerhedskopi af projektet før fletningen: %1</translation>
    </message>
    <message>
        <source>Reading %1 (file %2 of %3)…</source>
        <translation>Læser %1 (fil %2 af %3)…</translation>
    </message>
    <message>
        <source>Comparing and writing…</source>
        <translation>Sammenligner og skriver…</translation>
    </message>
    <message>
        <source>Comparing with the project…</source>
        <translation>Sammenligner med projektet…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Færdig.</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>All statements (theme mean)</source>
        <translation>Alle udsagn (temagennemsnit)</translation>
    </message>
    <message>
        <source>The theme score: per respondent the mean of the statements answered, then the mean of those</source>
        <translation>Temaets score: for hver respondent gennemsnittet af de besvarede udsagn, derefter gennemsnittet af dem</translation>
    </message>
    <message>
        <source>Search questions…</source>
        <translation>Søg i spørgsmål…</translation>
    </message>
</context>
<context>
    <name>OutputFile</name>
    <message>
        <source>Choose the file to write to.</source>
        <translation>Vælg den fil, der skal skrives til.</translation>
    </message>
    <message>
        <source>A file name cannot hold a NUL character; choose another name.</source>
        <translation>Et filnavn kan ikke indeholde et NUL-tegn; vælg et andet navn.</translation>
    </message>
    <message>
        <source>That is the project file itself; choose another name.</source>
        <translation>Det er selve projektfilen; vælg et andet navn.</translation>
    </message>
    <message>
        <source>%1 is a folder; give the name of the file to write.</source>
        <translation>%1 er en mappe; angiv navnet på den fil, der skal skrives.</translation>
    </message>
    <message>
        <source>%1: give a name ending in %2.</source>
        <translation>%1: giv et navn, der ender på %2.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Mappen %1 findes ikke.</translation>
    </message>
    <message>
        <source>You may not write in the folder %1; choose another.</source>
        <translation>Du må ikke skrive i mappen %1; vælg en anden.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 findes allerede.</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2). If it is open in another program such as Excel, close it and try again.</source>
        <translation>%1 kan ikke skrives (%2). Hvis filen er åben i et andet program, fx Excel, så luk den og prøv igen.</translation>
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
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Encrypted phone numbers</source>
        <translation>Krypterede telefonnumre</translation>
    </message>
    <message>
        <source>The phone numbers and names of this project are encrypted. Enter the pass phrase to call them. It is asked once while SurveyDesk is open and is not saved.</source>
        <translation>Telefonnumrene og navnene i dette projekt er krypteret. Indtast adgangsfrasen for at ringe til dem. Du bliver spurgt én gang, mens SurveyDesk er åben, og den gemmes ikke.</translation>
    </message>
    <message>
        <source>&amp;Pass phrase:</source>
        <translation>&amp;Adgangsfrase:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås op</translation>
    </message>
    <message>
        <source>Continue &amp;without numbers</source>
        <translation>Fortsæt &amp;uden numre</translation>
    </message>
    <message>
        <source>Wrong pass phrase. Try again, or continue without numbers.</source>
        <translation>Forkert adgangsfrase. Prøv igen, eller fortsæt uden numre.</translation>
    </message>
</context>
<context>
    <name>ProjectTask</name>
    <message>
        <source>An unexpected error stopped the work (%1). Please report it, with what you were doing.</source>
        <translation>En uventet fejl stoppede arbejdet (%1). Meld den venligst, sammen med hvad du var i gang med.</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>(not found)</source>
        <translation>(ikke fundet)</translation>
    </message>
    <message>
        <source>%1 was not found: moved, renamed, deleted, or on a drive that is not connected.</source>
        <translation>%1 blev ikke fundet: flyttet, omdøbt, slettet eller på et drev, der ikke er tilsluttet.</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Ingen seneste projekter</translation>
    </message>
    <message>
        <source>Remove missing files (%1)</source>
        <translation>Fjern manglende filer (%1)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Ryd listen</translation>
    </message>
    <message>
        <source>Project not found</source>
        <translation>Projektet blev ikke fundet</translation>
    </message>
    <message>
        <source>The project file %1 was not found. It may have been moved, renamed or deleted, or be on a drive that is not connected. It has been removed from the list of recent projects.</source>
        <translation>Projektfilen %1 blev ikke fundet. Den kan være flyttet, omdøbt eller slettet eller ligge på et drev, der ikke er tilsluttet. Den er fjernet fra listen over seneste projekter.</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Åbn &amp;seneste</translation>
    </message>
</context>
<context>
    <name>RecordBrowser</name>
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
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Afsluttet</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antal svar</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <source>Correct an answer</source>
        <translation>Ret et svar</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(intet svar)</translation>
    </message>
    <message>
        <source>Could not list the interviews</source>
        <translation>Interviewene kunne ikke vises</translation>
    </message>
    <message>
        <source>Interviews: %1</source>
        <translation>Interview: %1</translation>
    </message>
    <message>
        <source>%1 (the newest; narrow the filters)</source>
        <translation>%1 (de nyeste; indsnævr filtrene)</translation>
    </message>
    <message>
        <source>Could not open the interview</source>
        <translation>Interviewet kunne ikke åbnes</translation>
    </message>
    <message>
        <source>Wave %1</source>
        <translation>Bølge %1</translation>
    </message>
    <message>
        <source>Interview ID: %1</source>
        <translation>Interview-id: %1</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>Årsag til rettelsen</translation>
    </message>
    <message>
        <source>The change to “%1” is recorded in the interview&apos;s history. Why is it corrected?</source>
        <translation>Ændringen af »%1« registreres i interviewets historik. Hvorfor rettes svaret?</translation>
    </message>
    <message>
        <source>Could not save the answer</source>
        <translation>Svaret kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Delete interview</source>
        <translation>Slet interview</translation>
    </message>
    <message>
        <source>The interview leaves the data, tables and exports but stays in the project file, with the reason in its history. Why is it deleted?</source>
        <translation>Interviewet fjernes fra data, tabeller og eksporter, men bliver i projektfilen med årsagen i sin historik. Hvorfor slettes det?</translation>
    </message>
    <message>
        <source>Could not delete the interview</source>
        <translation>Interviewet kunne ikke slettes</translation>
    </message>
    <message>
        <source>The interview</source>
        <translation>Interviewet</translation>
    </message>
    <message>
        <source>&amp;Wave:</source>
        <translation>&amp;Bølge:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Interviewer:</source>
        <translation>&amp;Interviewer:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Fra:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Til:</translation>
    </message>
    <message>
        <source>Double-click an interview (or select it and press Enter) to read it, correct an answer or delete it.</source>
        <translation>Dobbeltklik på et interview (eller vælg det og tryk Enter) for at læse det, rette et svar eller slette det.</translation>
    </message>
    <message>
        <source>&amp;Edit answer…</source>
        <translation>&amp;Ret svar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>S&amp;let…</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Ændringshistorik</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Spørgsmål</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Hvornår</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ændring</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Could not read the interviews</source>
        <translation>Interviewene kunne ikke læses</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Give the name of the workbook to write.</source>
        <translation>Angiv navnet på den projektmappe, der skal skrives.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>Choose a benchmark file</source>
        <translation>Vælg en benchmarkfil</translation>
    </message>
    <message>
        <source>Benchmark files (*.csv *.xlsx);;All files (*)</source>
        <translation>Benchmarkfiler (*.csv *.xlsx);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Could not use the benchmark file</source>
        <translation>Benchmarkfilen kunne ikke bruges</translation>
    </message>
    <message>
        <source>Choose char&amp;ts… (%1)</source>
        <translation>Vælg fig&amp;urer… (%1)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <source>%1 (%2 values)</source>
        <translation>%1 (%2 værdier)</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Gem rapporten som</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-projektmapper (*.xlsx)</translation>
    </message>
    <message>
        <source>Replace the workbook?</source>
        <translation>Erstat projektmappen?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with the new report?</source>
        <translation>%1 findes allerede. Skal den erstattes af den nye rapport?</translation>
    </message>
    <message>
        <source>Could not write the report</source>
        <translation>Rapporten kunne ikke skrives</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Annulleret: der blev ikke skrevet nogen rapport.</translation>
    </message>
    <message>
        <source>No report was written.</source>
        <translation>Der blev ikke skrevet nogen rapport.</translation>
    </message>
    <message>
        <source>Write Excel report</source>
        <translation>Skriv Excel-rapport</translation>
    </message>
    <message>
        <source>Wei&amp;ghted to the population counts</source>
        <translation>&amp;Vægtet til populationstallene</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>&amp;Rapportsprog:</translation>
    </message>
    <message>
        <source>Every table of the project in one Excel workbook for the client: a sheet per group of questions with all waves, significance marks, targets and charts. A label the questionnaire lacks in the report language is shown in its default language and listed when the report is written.</source>
        <translation>Alle projektets tabeller i én Excel-projektmappe til kunden: et ark pr. spørgsmålsgruppe med alle bølger, signifikansmarkeringer, måltal og diagrammer. En tekst, spørgeskemaet mangler på rapportens sprog, vises på skemaets standardsprog og oplistes, når rapporten er skrevet.</translation>
    </message>
    <message>
        <source>&amp;Breakdown:</source>
        <translation>&amp;Opdeling:</translation>
    </message>
    <message>
        <source>and b&amp;y:</source>
        <translation>og &amp;efter:</translation>
    </message>
    <message>
        <source>Benchmark:</source>
        <translation>Benchmark:</translation>
    </message>
    <message>
        <source>Charts:</source>
        <translation>Figurer:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Gem som:</translation>
    </message>
    <message>
        <source>Weight each wave to the population counts set for the project.</source>
        <translation>Vægt hver bølge til de populationstal, der er sat for projektet.</translation>
    </message>
    <message>
        <source>No population counts are set for this project. Set them with: surveydesk-cli population set PROJECT FILE</source>
        <translation>Der er ikke sat populationstal for projektet. Sæt dem med: surveydesk-cli population set PROJEKT FIL</translation>
    </message>
    <message>
        <source>Benchmark f&amp;ile…</source>
        <translation>Benchmark&amp;fil…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>F&amp;jern</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Væ&amp;lg…</translation>
    </message>
    <message>
        <source>&amp;Write report</source>
        <translation>&amp;Skriv rapport</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
</context>
<context>
    <name>ReportProgress</name>
    <message>
        <source>Counting the answers: %1 of %2 questions…</source>
        <translation>Tæller svarene: %1 af %2 spørgsmål…</translation>
    </message>
    <message>
        <source>Writing the sheet “%1”…</source>
        <translation>Skriver arket »%1«…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullerer…</translation>
    </message>
    <message>
        <source>Writing the Excel report</source>
        <translation>Skriver Excel-rapporten</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Skriver %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Reading the project…</source>
        <translation>Læser projektet…</translation>
    </message>
</context>
<context>
    <name>ReportWritten</name>
    <message>
        <source>Could not open</source>
        <translation>Kunne ikke åbnes</translation>
    </message>
    <message>
        <source>No program could open %1. Open it from the file manager.</source>
        <translation>Intet program kunne åbne %1. Åbn den fra stifinderen.</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>Rapporten er skrevet</translation>
    </message>
    <message>
        <source>The report was saved as:</source>
        <translation>Rapporten er gemt som:</translation>
    </message>
    <message>
        <source>Language: %1 · %2 questions and themes · waves %3</source>
        <translation>Sprog: %1 · %2 spørgsmål og temaer · bølger %3</translation>
    </message>
    <message>
        <source>Please check these warnings before the report goes to the client:</source>
        <translation>Se disse advarsler igennem, før rapporten sendes til kunden:</translation>
    </message>
    <message>
        <source>No warnings: every label was found in the report language.</source>
        <translation>Ingen advarsler: alle tekster fandtes på rapportens sprog.</translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation>Å&amp;bn rapport</translation>
    </message>
    <message>
        <source>Show &amp;folder</source>
        <translation>Vis &amp;mappe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>ResponseRates</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Besvarelser</translation>
    </message>
    <message>
        <source>Response rate</source>
        <translation>Svarprocent</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>I alt</translation>
    </message>
    <message>
        <source>Complete interviews against the population counts set for the project, per group and wave.</source>
        <translation>Gennemførte interview holdt op mod de populationstal, der er sat for projektet, pr. gruppe og bølge.</translation>
    </message>
    <message>
        <source>No population counts are set for this project, so there are no response rates to show and the tables cannot be weighted.

Put the number of people per group in a CSV or Excel file with the columns variable, group, population (and optionally wave), for example:

    variable,group,population
    target_group,dagpenge,1830

and store it in the project with:

    surveydesk-cli population set %1 FILE</source>
        <translation>Der er ikke sat populationstal for projektet, så der er ingen svarprocenter at vise, og tabellerne kan ikke vægtes.

Skriv antallet af personer pr. gruppe i en CSV- eller Excel-fil med kolonnerne variable, group, population (og eventuelt wave), for eksempel:

    variable,group,population
    target_group,dagpenge,1830

og gem dem i projektet med:

    surveydesk-cli population set %1 FIL</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>These questions still need an answer:</source>
        <translation>Disse spørgsmål mangler stadig et svar:</translation>
    </message>
    <message>
        <source>Not answered (required)</source>
        <translation>Ikke besvaret (skal besvares)</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Ikke besvaret</translation>
    </message>
    <message>
        <source>Review answers</source>
        <translation>Gennemgå svar</translation>
    </message>
    <message>
        <source>Read the answers back to the citizen. To change one, click it or choose it with the arrow keys and press Enter.</source>
        <translation>Læs svarene op for borgeren. Et svar rettes ved at klikke på det eller vælge det med piletasterne og trykke Enter.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Spørgsmål</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Tilbage</translation>
    </message>
    <message>
        <source>Abort  ·  Esc</source>
        <translation>Afbryd  ·  Esc</translation>
    </message>
    <message>
        <source>Complete interview  ·  Ctrl+Enter</source>
        <translation>Afslut interview  ·  Ctrl+Enter</translation>
    </message>
    <message>
        <source>Question language: %1  ·  F2</source>
        <translation>Spørgsmålssprog: %1  ·  F2</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Main window (menus)</source>
        <translation>Hovedvinduet (menuer)</translation>
    </message>
    <message>
        <source>Project overview</source>
        <translation>Projektoversigt</translation>
    </message>
    <message>
        <source>Interview entry</source>
        <translation>Interviewindtastning</translation>
    </message>
    <message>
        <source>Phone interviews: call outcomes</source>
        <translation>Telefoninterview: opkaldsudfald</translation>
    </message>
    <message>
        <source>Answering a question (interview entry)</source>
        <translation>Svar på et spørgsmål (interviewindtastning)</translation>
    </message>
    <message>
        <source>Interview records</source>
        <translation>Registrerede interview</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Switch the interview&apos;s language</source>
        <translation>Skift interviewets sprog</translation>
    </message>
    <message>
        <source>Back to the previous question</source>
        <translation>Tilbage til forrige spørgsmål</translation>
    </message>
    <message>
        <source>Abort the interview</source>
        <translation>Afbryd interviewet</translation>
    </message>
    <message>
        <source>Start a new interview</source>
        <translation>Start et nyt interview</translation>
    </message>
    <message>
        <source>Complete the interview (review screen)</source>
        <translation>Afslut interviewet (gennemsynsskærmen)</translation>
    </message>
    <message>
        <source>Choose the answer with that number (type two digits in lists of ten or more)</source>
        <translation>Vælg svaret med det nummer (skriv to cifre i lister med ti eller flere)</translation>
    </message>
    <message>
        <source>Don&apos;t know</source>
        <translation>Ved ikke</translation>
    </message>
    <message>
        <source>Move between the answers</source>
        <translation>Flyt mellem svarene</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Mellemrum</translation>
    </message>
    <message>
        <source>Tick or untick the highlighted answer</source>
        <translation>Sæt eller fjern flueben ved det markerede svar</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the answer and go on</source>
        <translation>Bekræft svaret og gå videre</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Tilbage-tast</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastaturgenveje</translation>
    </message>
    <message>
        <source>Every key that does something in SurveyDesk. Keys of a view work while that view is shown; those of interview entry while an interview is open.</source>
        <translation>Alle taster, der gør noget i SurveyDesk. En visnings taster virker, mens visningen vises; interviewindtastningens, mens et interview er åbent.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Hvad den gør</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Completed today by %1: %2</source>
        <translation>Gennemført i dag af %1: %2</translation>
    </message>
    <message>
        <source>Completed today: %1</source>
        <translation>Gennemført i dag: %1</translation>
    </message>
    <message>
        <source>Review page</source>
        <translation>Gennemgang af svar</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 af %3</translation>
    </message>
    <message>
        <source>Quotas, wave %1: %2</source>
        <translation>Kvoter, bølge %1: %2</translation>
    </message>
    <message>
        <source>Write your name or initials first.</source>
        <translation>Skriv først dit navn eller dine initialer.</translation>
    </message>
    <message>
        <source>Choose or type the wave first.</source>
        <translation>Vælg eller skriv først bølgen.</translation>
    </message>
    <message>
        <source>Interview entry</source>
        <translation>Interviewindtastning</translation>
    </message>
    <message>
        <source>&amp;Interviewer:</source>
        <translation>&amp;Interviewer:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>Interview&amp;form:</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Sted:</translation>
    </message>
    <message>
        <source>&amp;Wave:</source>
        <translation>&amp;Bølge:</translation>
    </message>
    <message>
        <source>Name or initials</source>
        <translation>Navn eller initialer</translation>
    </message>
    <message>
        <source>For example Borgerservice, foyer</source>
        <translation>For eksempel Borgerservice, foyer</translation>
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
        <source>New interview  ·  Ctrl+N</source>
        <translation>Nyt interview  ·  Ctrl+N</translation>
    </message>
    <message>
        <source>Interrupted interviews on this computer</source>
        <translation>Ufærdige interview på denne computer</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>Interviewer</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Bølge</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Stopped at</source>
        <translation>Stoppede ved</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Genoptag</translation>
    </message>
    <message>
        <source>None — every interview started here was completed or aborted.</source>
        <translation>Ingen – alle interview, der er startet her, er afsluttet eller afbrudt.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Merge device files</source>
        <translation>Flet enhedsfiler</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Konflikter (%1)</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikter</translation>
    </message>
</context>
</TS>
