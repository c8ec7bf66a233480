import { TICKET_WIDTH_MM, ticketOf, type Violation } from '@shtp/core/enforcement';
import { Button, Popup, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';

/**
 * The ticket as the portable thermal printer prints it: a page 58 mm wide (the print dialog's "save as PDF" gives the
 * PDF), with a QR code of the decision number. The QR library is loaded only when a ticket is opened.
 */
export function TicketView({ violation, onClose }: { violation: Violation; onClose: () => void }) {
  const ticket = ticketOf(violation);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((q) => q.toDataURL(ticket.number, { margin: 1, width: 240, errorCorrectionLevel: 'M' })).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [ticket.number]);
  return (
    <Popup visible onMaskClick={onClose} bodyStyle={{ maxHeight: '92vh', overflowY: 'auto' }}>
      <style>{`@media print { @page { size: ${TICKET_WIDTH_MM}mm auto; margin: 0; } body * { visibility: hidden; } .ticket, .ticket * { visibility: visible; } .ticket { position: absolute; left: 0; top: 0; } }`}</style>
      <div className="ticket" data-testid="ticket" style={{ width: `${TICKET_WIDTH_MM}mm` }}>
        <div className="ticket-title">{ticket.title}</div>
        <div className="ticket-number">编号 {ticket.number}</div>
        {ticket.lines.map(([label, value]) => (
          <div key={label} className="ticket-line">
            <span>{label}</span>
            <span>{value}</span>
          </div>
        ))}
        {ticket.notes.map((n) => (
          <p key={n}>{n}</p>
        ))}
        {qr && <img src={qr} alt={`决定书编号 ${ticket.number} 二维码`} data-testid="ticket-qr" />}
      </div>
      <Space block direction="vertical" style={{ padding: 12 }}>
        <Button block color="primary" size="large" onClick={() => window.print()}>
          打印（热敏打印机 {TICKET_WIDTH_MM} mm）
        </Button>
        <Button block size="large" onClick={onClose}>
          关闭
        </Button>
      </Space>
    </Popup>
  );
}
