#pragma once
// Help > Getting started (F1): docs/getting-started.md, the same page README links, built into
// the resources with its screenshots and shown as rich text.
class QWidget;

namespace optibench::ui {

void showGettingStarted(QWidget *parent);

} // namespace optibench::ui
