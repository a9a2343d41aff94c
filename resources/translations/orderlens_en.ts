<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>orderlens::app::MainWindow</name>
    <message numerus="yes">
        <source>Saved %n picture(s) in %1</source>
        <translation>
            <numerusform>Saved %n picture in %1</numerusform>
            <numerusform>Saved %n pictures in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1

%n picture(s) were saved before the problem.</source>
        <translation>
            <numerusform>%1

%n picture was saved before the problem.</numerusform>
            <numerusform>%1

%n pictures were saved before the problem.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PlotStyle</name>
    <message numerus="yes">
        <source>%1 (one word in %n named)</source>
        <translation>
            <numerusform>%1 (one word in %n named)</numerusform>
            <numerusform>%1 (one word in %n named)</numerusform>
        </translation>
    </message>
</context>
</TS>
