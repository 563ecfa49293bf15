#include "ui/shell/ComingPage.h"

#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace otadesk::ui {

ComingPage::ComingPage(const QIcon &icon, const QString &title, const QString &description, const QString &cli,
                       QWidget *parent)
    : QWidget(parent)
{
    auto *iconLabel = new QLabel;
    iconLabel->setPixmap(icon.pixmap(96, 96));
    iconLabel->setAlignment(Qt::AlignCenter);
    iconLabel->setEnabled(false);

    auto *heading = new QLabel(tr("%1 is coming").arg(title));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(description);
    text->setObjectName(QStringLiteral("comingDescription"));
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(520);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(iconLabel);
    layout->addSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    if (!cli.isEmpty()) {
        auto *cliLabel = new QLabel(tr("On the command line: <code>%1</code>").arg(cli.toHtmlEscaped()));
        cliLabel->setAlignment(Qt::AlignCenter);
        cliLabel->setEnabled(false);
        layout->addSpacing(6);
        layout->addWidget(cliLabel);
    }
    layout->addStretch(3);
}

} // namespace otadesk::ui
